import { EntityManager } from 'typeorm';

/** What a registration carries beyond the account itself, for the contexts that act on it. */
export interface RegistrationInput {
  invitationCode?: string;
}

/**
 * Work another context does inside the registration's transaction (the structure context accepts
 * an invitation): throwing refuses the registration, so no account is left half set up. Provided
 * under REGISTRATION_EXTENSION by that context, so identity never imports it.
 */
export interface RegistrationExtension {
  afterRegistration(manager: EntityManager, userId: string, input: RegistrationInput): Promise<void>;
}

export const REGISTRATION_EXTENSION = Symbol('REGISTRATION_EXTENSION');
