/**
 * An error whose message is written for the person using feudbot (CLI user, Discord
 * member or moderator) and may be shown as it is. Anything else is internal: the user
 * sees an apology with an error id, the log gets the stack.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}
