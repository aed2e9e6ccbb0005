import Link from "next/link";

/** The words of a conversation's page links, in the page's language. */
export interface MessagePageWords {
  earlier: string;
  latest: string;
  unreadEarlier: (n: number) => string;
}

/**
 * The way to a conversation's earlier messages, above those shown: a plain link (`?before=`), so
 * it works without JavaScript, with a word when something new to the reader is among them.
 */
export function EarlierMessagesLink({
  href,
  unreadEarlier,
  words,
}: {
  href: string;
  unreadEarlier: number;
  words: MessagePageWords;
}) {
  return (
    <p className="my-3">
      <Link href={href}>{words.earlier}</Link>
      {unreadEarlier > 0 ? (
        <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
          {words.unreadEarlier(unreadEarlier)}
        </span>
      ) : null}
    </p>
  );
}

/** Back to a conversation's newest messages, below an earlier page of it. */
export function LatestMessagesLink({ href, words }: { href: string; words: MessagePageWords }) {
  return (
    <p className="my-3">
      <Link href={href}>{words.latest}</Link>
    </p>
  );
}
