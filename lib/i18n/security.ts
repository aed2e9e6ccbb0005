import type { Locale } from "./messages";

/**
 * The words of signing in with a second factor, enrolling one and managing them: staff read them in
 * English, patients and family in their portal language.
 */
const en = {
  verifyTitle: "Confirm it's you",
  verifyIntro: "Enter the six-digit code from your authenticator app.",
  verifyIntroPasskey: "Use your passkey or security key. Lost it? Use a recovery code.",
  code: "Code from your app",
  codeHint: "Six digits, changing every 30 seconds.",
  verify: "Continue",
  verifying: "Checking…",
  useRecovery: "Lost your phone? Use a recovery code",
  recoveryCode: "Recovery code",
  recoveryHint: "One of the ten codes you saved, like 7KQ2M-X9D4P. Each works once.",
  useRecoveryButton: "Use recovery code",
  wrongCode: "That code did not work. Check your app and try again.",
  wrongRecovery: "That recovery code did not work, or it was used before.",
  enterCode: "Enter the six digits from your app.",
  enterRecovery: "Enter a recovery code.",
  cancel: "Cancel and sign out",
  enrolTitle: "Set up a second factor",
  enrolRequired:
    "Your organisation requires a second factor for staff. Set up an authenticator app to continue; it takes a minute.",
  enrolSteps: [
    "Open an authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or 1Password).",
    "Scan the QR code, or type the setup key.",
    "Enter the six-digit code the app shows.",
  ],
  qrAlt: "QR code to add Carebridge to an authenticator app",
  setupKey: "Setup key",
  confirm: "Confirm and turn on",
  confirming: "Turning on…",
  codesTitle: "Save your recovery codes",
  codesIntro:
    "If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, away from your phone. They are shown only now.",
  codesSaved: "I saved my codes, continue",
  securityTitle: "Sign-in security",
  appOn: "Authenticator app: on.",
  appOff: "Authenticator app: not set up.",
  codesLeft: (n: number) => `Recovery codes left: ${n} of 10.`,
  addApp: "Set up an authenticator app",
  removeApp: "Remove authenticator app",
  removeAppConfirm:
    "Your sign-in will no longer ask for a code from this app. If your organisation requires a second factor, you will set one up at your next sign-in.",
  removed: "The authenticator app is removed.",
  nothingToRemove: "There is no authenticator app to remove.",
  newCodes: "Make new recovery codes",
  newCodesConfirm: "Your ten old codes stop working and ten new ones are shown once.",
  optional:
    "A second factor is optional for you. It keeps your account safe even if your password is found out.",
  newCodesUnderstood: "I understand my old recovery codes stop working.",
  newCodesTick: "Tick the box to make new codes.",
  passkeysTitle: "Passkeys and security keys",
  passkeysNone: "No passkey yet.",
  enrolPasskey: "Or use a passkey on this device, or a security key, instead of an app.",
  passkeyUse: "Use a passkey or security key",
  passkeyAdd: "Add a passkey or security key",
  passkeyName: "Name for this passkey",
  passkeyNameHint: "So you can tell them apart later, like “Work laptop” or “Blue key”.",
  passkeyNameNeeded: "Give the passkey a name first, like “Work laptop”.",
  passkeyWorking: "Waiting for your passkey…",
  passkeyCancelled: "The passkey was not used. Try again, or use a code instead.",
  passkeyFailed: "That passkey did not work. Try again, or use a code instead.",
  passkeyAdded: "The passkey is added.",
  passkeyRemove: (name: string) => `Remove ${name}`,
  passkeyRemoveConfirm: "You will no longer be able to sign in with this passkey.",
  passkeyRemoved: "The passkey is removed.",
  passkeyUsed: (date: string | null) => (date ? `Last used ${date}.` : "Not used yet."),
  stepUpNeeded: "For your security, confirm it's you with your second factor (above), then try again.",
  ssoStepUp: "For your security, sign in again with your organisation's account to make changes here.",
  dismiss: "Cancel",
  signInAgain: "Sign out to sign in again",
  stepUpTitle: "Confirm it's you to make changes",
  stepUpIntro: (minutes: number) =>
    `Changes on this page ask for your second factor again when you last gave it over ${minutes} minutes ago.`,
  stepUpDone: (minutes: number) => `Thank you. You can make changes for the next ${minutes} minutes.`,
};

export type SecurityWords = typeof en;

const es: SecurityWords = {
  verifyTitle: "Confirme que es usted",
  verifyIntro: "Escriba el código de seis dígitos de su aplicación de autenticación.",
  verifyIntroPasskey:
    "Use su llave de acceso o llave de seguridad. ¿La perdió? Use un código de recuperación.",
  code: "Código de su aplicación",
  codeHint: "Seis dígitos que cambian cada 30 segundos.",
  verify: "Continuar",
  verifying: "Comprobando…",
  useRecovery: "¿Perdió su teléfono? Use un código de recuperación",
  recoveryCode: "Código de recuperación",
  recoveryHint: "Uno de los diez códigos que guardó, como 7KQ2M-X9D4P. Cada uno sirve una vez.",
  useRecoveryButton: "Usar código de recuperación",
  wrongCode: "Ese código no sirvió. Revise su aplicación e inténtelo de nuevo.",
  wrongRecovery: "Ese código de recuperación no sirvió, o ya se usó.",
  enterCode: "Escriba los seis dígitos de su aplicación.",
  enterRecovery: "Escriba un código de recuperación.",
  cancel: "Cancelar y cerrar sesión",
  enrolTitle: "Configure un segundo factor",
  enrolRequired:
    "Su organización exige un segundo factor al personal. Configure una aplicación de autenticación para continuar; toma un minuto.",
  enrolSteps: [
    "Abra una aplicación de autenticación en su teléfono (por ejemplo Microsoft Authenticator, Google Authenticator o 1Password).",
    "Escanee el código QR o escriba la clave de configuración.",
    "Escriba el código de seis dígitos que muestra la aplicación.",
  ],
  qrAlt: "Código QR para agregar Carebridge a una aplicación de autenticación",
  setupKey: "Clave de configuración",
  confirm: "Confirmar y activar",
  confirming: "Activando…",
  codesTitle: "Guarde sus códigos de recuperación",
  codesIntro:
    "Si pierde su teléfono, cada uno de estos códigos le permite entrar una vez. Guárdelos en un lugar seguro, lejos de su teléfono. Solo se muestran ahora.",
  codesSaved: "Guardé mis códigos, continuar",
  securityTitle: "Seguridad al entrar",
  appOn: "Aplicación de autenticación: activada.",
  appOff: "Aplicación de autenticación: sin configurar.",
  codesLeft: (n: number) => `Códigos de recuperación disponibles: ${n} de 10.`,
  addApp: "Configurar una aplicación de autenticación",
  removeApp: "Quitar la aplicación de autenticación",
  removeAppConfirm:
    "Al entrar ya no se le pedirá un código de esta aplicación. Si su organización exige un segundo factor, configurará uno la próxima vez que entre.",
  removed: "Se quitó la aplicación de autenticación.",
  nothingToRemove: "No hay ninguna aplicación de autenticación que quitar.",
  newCodes: "Crear códigos de recuperación nuevos",
  newCodesConfirm: "Sus diez códigos anteriores dejan de servir y se muestran diez nuevos una sola vez.",
  optional:
    "El segundo factor es opcional para usted. Protege su cuenta aunque alguien descubra su contraseña.",
  newCodesUnderstood: "Entiendo que mis códigos de recuperación anteriores dejan de servir.",
  newCodesTick: "Marque la casilla para crear códigos nuevos.",
  passkeysTitle: "Llaves de acceso y llaves de seguridad",
  passkeysNone: "Todavía no tiene ninguna llave de acceso.",
  enrolPasskey:
    "O use una llave de acceso en este dispositivo, o una llave de seguridad, en lugar de una aplicación.",
  passkeyUse: "Usar una llave de acceso o de seguridad",
  passkeyAdd: "Agregar una llave de acceso o de seguridad",
  passkeyName: "Nombre para esta llave de acceso",
  passkeyNameHint: "Para distinguirlas después, como «Computadora del trabajo» o «Llave azul».",
  passkeyNameNeeded: "Primero dele un nombre a la llave de acceso, como «Computadora del trabajo».",
  passkeyWorking: "Esperando su llave de acceso…",
  passkeyCancelled: "No se usó la llave de acceso. Inténtelo de nuevo o use un código.",
  passkeyFailed: "Esa llave de acceso no sirvió. Inténtelo de nuevo o use un código.",
  passkeyAdded: "Se agregó la llave de acceso.",
  passkeyRemove: (name: string) => `Quitar ${name}`,
  passkeyRemoveConfirm: "Ya no podrá entrar con esta llave de acceso.",
  passkeyRemoved: "Se quitó la llave de acceso.",
  passkeyUsed: (date: string | null) =>
    date ? `Usada por última vez el ${date}.` : "Todavía no se ha usado.",
  stepUpNeeded:
    "Por su seguridad, confirme que es usted con su segundo factor (arriba) y vuelva a intentarlo.",
  ssoStepUp: "Por su seguridad, vuelva a entrar con la cuenta de su organización para hacer cambios aquí.",
  dismiss: "Cancelar",
  signInAgain: "Cerrar sesión para volver a entrar",
  stepUpTitle: "Confirme que es usted para hacer cambios",
  stepUpIntro: (minutes: number) =>
    `Los cambios en esta página piden de nuevo su segundo factor si lo dio hace más de ${minutes} minutos.`,
  stepUpDone: (minutes: number) => `Gracias. Puede hacer cambios durante los próximos ${minutes} minutos.`,
};

export const SECURITY_WORDS: Record<Locale, SecurityWords> = { en, es };

/** Some of the words, for a client component: the ones it names (plain strings, no functions). */
function pick<K extends keyof SecurityWords>(w: SecurityWords, keys: readonly K[]): Pick<SecurityWords, K> {
  return Object.fromEntries(keys.map((k) => [k, w[k]])) as Pick<SecurityWords, K>;
}

const CODES = ["codesTitle", "codesIntro", "codesSaved"] as const;

/** The words the enrolment form needs. */
export const enrolmentWords = (w: SecurityWords) =>
  pick(w, ["enrolSteps", "qrAlt", "setupKey", "code", "codeHint", "confirm", "confirming", ...CODES]);

/** The words of the new-codes form. */
export const newCodesWords = (w: SecurityWords) =>
  pick(w, ["newCodes", "newCodesConfirm", "newCodesUnderstood", "verifying", ...CODES]);

/** The words a passkey button (a client component) needs: plain strings only. */
export function passkeyWords(w: SecurityWords, mode: "use" | "add") {
  return {
    button: mode === "use" ? w.passkeyUse : w.passkeyAdd,
    working: w.passkeyWorking,
    cancelled: w.passkeyCancelled,
    ...(mode === "add"
      ? { name: w.passkeyName, nameHint: w.passkeyNameHint, nameNeeded: w.passkeyNameNeeded }
      : {}),
    codesTitle: w.codesTitle,
    codesIntro: w.codesIntro,
    codesSaved: w.codesSaved,
  };
}
