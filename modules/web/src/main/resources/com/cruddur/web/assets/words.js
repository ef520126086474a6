// What the server's codes mean, in plain words.

const USER_ERRORS = {
  message_blank: 'Write something first: the message cannot be blank.',
  message_exceed_max_chars: 'A crud can have at most 280 characters.',
  message_exceed_max_chars_1024: 'A reply can have at most 1,024 characters.',
  ttl_blank: 'Choose how long the crud stays up.',
  activity_uuid_blank: 'Say which crud this replies to.',
  activity_not_found: 'This crud is gone: it was deleted or it has expired.',
  user_not_found: 'Your account has no Cruddur profile yet.',
  cognito_user_id_blank: 'Your sign-in has no user id. Sign in again.',
  display_name_blank: 'The display name cannot be blank.',
  display_name_exceed_max_chars: 'A display name can have at most 100 characters.',
  bio_exceed_max_chars: 'A bio can have at most 500 characters.',
};

/** One payload error in words; a code this client does not know keeps the server's own message. */
export function userErrorText(error) {
  return USER_ERRORS[error.code] ?? error.message;
}

/** Payload errors grouped by the field they belong to; those of no known field go under "form". */
export function errorsByField(errors, fields) {
  const grouped = {};
  for (const error of errors) {
    const field = fields.includes(error.field) ? error.field : 'form';
    (grouped[field] ??= []).push(userErrorText(error));
  }
  return grouped;
}

/** Every value of the schema's Ttl, longest first, as the reference showed them. */
export const TTLS = [
  ['THIRTY_DAYS', '30 days'],
  ['SEVEN_DAYS', '7 days'],
  ['THREE_DAYS', '3 days'],
  ['ONE_DAY', '1 day'],
  ['TWELVE_HOURS', '12 hours'],
  ['THREE_HOURS', '3 hours'],
  ['ONE_HOUR', '1 hour'],
];
export const DEFAULT_TTL = 'SEVEN_DAYS';
