/** A file's size as people read it: "840 KB", "2.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The files sent with a message, each a download (served with no-store, behind the message's policy). */
export function AttachmentLinks({
  files,
  href,
  label,
}: {
  files: { id: string; fileName: string; sizeBytes: number }[];
  href: (attachmentId: string) => string;
  label: (name: string, size: string) => string;
}) {
  if (files.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1">
      {files.map((f) => (
        <li key={f.id}>
          <a href={href(f.id)} download>
            {label(f.fileName, fileSize(f.sizeBytes))}
          </a>
        </li>
      ))}
    </ul>
  );
}
