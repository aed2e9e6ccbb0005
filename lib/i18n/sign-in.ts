import type { Locale } from "./messages";

/**
 * The words of the sign-in page and its action, in the language of the browser (lib/i18n/server.ts
 * `signInLocale`): nobody is signed in yet, so no record says which. The English ones are the ones
 * the e2e specs look for; change them together.
 */
const en = {
  title: "Sign in",
  email: "Email",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  switchLanguage: "Language",
  footer: "Carebridge holds protected health information. Access is logged and reviewed.",
  /** Why the last session ended (`?ended=` and `?signedOut=1`). */
  notices: {
    idle: "You were signed out after a period of inactivity. Sign in again to continue.",
    expired: "Your session reached its time limit. Sign in again to continue.",
    deactivated: "Your account is not active. Ask your administrator if this is unexpected.",
    "role-changed": "Your access changed. Sign in again to continue.",
    "password-reset": "Your password was reset. Sign in with the new one.",
    "sign-out": "You have signed out.",
    "second-factor-locked":
      "Too many wrong codes. This account is locked for 15 minutes; try again later or ask your administrator.",
    "second-factor-reset": "Your second factor was reset by an administrator. Sign in to set up a new one.",
  },
  /** A sign-in through the organisation's identity provider that did not finish (ADR 014). */
  sso: {
    refused:
      "Your organisation's sign-in did not match an active Carebridge staff account. Ask your administrator.",
    unavailable: (name: string) =>
      `Signing in with ${name} is not available right now. Try again later, or use your email and password.`,
    unfinished: "Signing in did not finish. Try again; if it keeps happening, ask your administrator.",
    /** The provider's name when none is configured. */
    yourOrganisation: "your organisation",
  },
  /** What the action answers; one message for an unknown email and a wrong password. */
  failures: {
    invalid: "That email and password do not match an account. Check them and try again.",
    locked:
      "Too many attempts. This account is locked for 15 minutes; try again later or ask your administrator.",
    throttled: "Too many attempts from this network. Wait 15 minutes and try again.",
  },
  checkFields: "Check the fields marked below.",
  /** SignInSchema's messages (lib/auth/credentials.ts). */
  fields: {
    emailMissing: "Enter your email address.",
    emailTooLong: "That email address is too long.",
    emailShape: "Enter an email address like name@example.org.",
    passwordMissing: "Enter your password.",
    passwordTooLong: "That password is too long.",
  },
};

export type SignInWords = typeof en;

const es: SignInWords = {
  title: "Iniciar sesión",
  email: "Correo electrónico",
  password: "Contraseña",
  submit: "Iniciar sesión",
  submitting: "Iniciando sesión…",
  switchLanguage: "Idioma",
  footer: "Carebridge guarda información de salud protegida. Cada acceso queda registrado y se revisa.",
  notices: {
    idle: "Su sesión se cerró por inactividad. Vuelva a iniciar sesión para continuar.",
    expired: "Su sesión llegó a su límite de tiempo. Vuelva a iniciar sesión para continuar.",
    deactivated: "Su cuenta no está activa. Si no lo esperaba, consulte a su administrador.",
    "role-changed": "Su acceso cambió. Vuelva a iniciar sesión para continuar.",
    "password-reset": "Se restableció su contraseña. Inicie sesión con la nueva.",
    "sign-out": "Cerró su sesión.",
    "second-factor-locked":
      "Demasiados códigos incorrectos. Esta cuenta quedó bloqueada por 15 minutos; inténtelo más tarde o consulte a su administrador.",
    "second-factor-reset":
      "Un administrador restableció su segundo factor. Inicie sesión para configurar uno nuevo.",
  },
  sso: {
    refused:
      "El inicio de sesión de su organización no coincide con ninguna cuenta activa del personal de Carebridge. Consulte a su administrador.",
    unavailable: (name: string) =>
      `Iniciar sesión con ${name} no está disponible en este momento. Inténtelo más tarde o use su correo electrónico y su contraseña.`,
    unfinished:
      "No se terminó de iniciar sesión. Inténtelo de nuevo; si vuelve a ocurrir, consulte a su administrador.",
    yourOrganisation: "su organización",
  },
  failures: {
    invalid:
      "Ese correo electrónico y esa contraseña no coinciden con ninguna cuenta. Revíselos e inténtelo de nuevo.",
    locked:
      "Demasiados intentos. Esta cuenta quedó bloqueada por 15 minutos; inténtelo más tarde o consulte a su administrador.",
    throttled: "Demasiados intentos desde esta red. Espere 15 minutos e inténtelo de nuevo.",
  },
  checkFields: "Revise los campos marcados abajo.",
  fields: {
    emailMissing: "Escriba su correo electrónico.",
    emailTooLong: "Ese correo electrónico es demasiado largo.",
    emailShape: "Escriba un correo electrónico como nombre@ejemplo.org.",
    passwordMissing: "Escriba su contraseña.",
    passwordTooLong: "Esa contraseña es demasiado larga.",
  },
};

export const SIGN_IN_WORDS: Record<Locale, SignInWords> = { en, es };

/** The notice for why the last session ended; none for a reason the page does not know. */
export function endedNotice(w: SignInWords, reason: string | undefined): string | undefined {
  return reason !== undefined && Object.hasOwn(w.notices, reason)
    ? w.notices[reason as keyof SignInWords["notices"]]
    : undefined;
}

/** What a refused sign-in is told; a code the page does not know reads as a wrong password. */
export function failureMessage(w: SignInWords, code: string): string {
  return Object.hasOwn(w.failures, code)
    ? w.failures[code as keyof SignInWords["failures"]]
    : w.failures.invalid;
}
