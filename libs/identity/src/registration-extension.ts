import { EntityManager } from 'typeorm';

/** What a registration carries beyond the account itself, for the contexts that act on it. */
export interface RegistrationInput {
  invitationCode?: string;
  /** The host name the request came to (it picks the brand, whose registration policy applies). */
  host?: string;
}

/**
 * Work another context does inside the registration's transaction (the structure context accepts
 * an invitation): throwing refuses the registration, so no account is left half set up. Provided
 * under REGISTRATION_EXTENSION by that context, so identity never imports it.
 */
export interface RegistrationExtension {
  /** Before any work (the password hash is slow): throwing refuses the registration, e.g. when it is closed. */
  admit?(input: RegistrationInput): Promise<void>;
  afterRegistration(manager: EntityManager, userId: string, input: RegistrationInput): Promise<void>;
}

export const REGISTRATION_EXTENSION = Symbol('REGISTRATION_EXTENSION');
