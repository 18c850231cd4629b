/**
 * What hardcoded credentials look like: the token formats that vendors publish, and the names and
 * values that make a generic value a secret or a placeholder. Data, not logic: add a format here
 * and every front end (code, templates, config files) finds it.
 *
 * Sources (checked 2025): AWS IAM user guide "Unique identifier prefixes" (AKIA, ASIA, ...);
 * GitHub docs "About authentication to GitHub" (token prefixes ghp_, gho_, ghu_, ghs_, ghr_,
 * github_pat_); Slack API docs "Token types" (xoxb-, xoxp-, xapp-, webhooks); Stripe docs "API
 * keys" (sk_live_, rk_live_; pk_ keys are publishable); SendGrid API key format (SG.x.y); Twilio
 * docs "API keys" (SK + 32 hex); OpenAI and Anthropic key prefixes (sk-, sk-proj-, sk-ant-);
 * Google Cloud API keys (AIza); npm access tokens (npm_); RFC 7519 (JWT); RFC 7468 (PEM labels).
 */

export interface SecretFormat {
  id: string;
  /** How messages name it. */
  label: string;
  /** A global regular expression; `secret` names the group to redact and land on, else the whole match. */
  pattern: RegExp;
}

export const SECRET_FORMATS: readonly SecretFormat[] = [
  { id: 'aws-access-key-id', label: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z2-7]{16}\b/g },
  {
    id: 'aws-secret-access-key',
    label: 'AWS secret access key',
    pattern: /\baws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
  },
  { id: 'private-key', label: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g },
  { id: 'github-token', label: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/g },
  { id: 'slack-token', label: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { id: 'slack-webhook', label: 'Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/g },
  { id: 'stripe-key', label: 'Stripe secret key', pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { id: 'sendgrid-key', label: 'SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { id: 'twilio-key', label: 'Twilio API key', pattern: /\bSK[0-9a-f]{32}\b/g },
  { id: 'openai-key', label: 'AI provider API key', pattern: /\bsk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{32,}/g },
  { id: 'google-api-key', label: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { id: 'npm-token', label: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { id: 'jwt', label: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g },
  {
    id: 'database-url',
    label: 'database URL with a password',
    pattern: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle):\/\/[^\s:/@'"`]+:(?<secret>[^\s@'"`/]+)@[^\s'"`]+/gi,
  },
];

/**
 * Names whose value is a credential: the name, lower-cased without `_`, `-` or `.`, ends with one
 * of these. `passwordQuestion`, `secretName`, `tokenUrl` and `apiKeyHeader` end otherwise.
 */
export const SECRET_NAME_ENDINGS: readonly string[] = [
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'apikey', 'apitoken', 'accesstoken', 'authtoken', 'token', 'privatekey',
  'secretkey', 'secretaccesskey', 'clientsecret', 'signingkey', 'connectionstring', 'connstring', 'credential', 'credentials',
  'authorization', 'xapikey', 'bearertoken', 'webhooksecret', 'encryptionkey', 'masterkey',
];

/** Names that end like a secret but hold something else: hashes, public halves, pagination cursors. */
export const NOT_SECRET_NAMES: readonly RegExp[] = [/public/i, /hash/i, /digest/i, /checksum/i, /integrity/i, /^next_?token$/i, /^(?:continuation|page|pagination|csrf|xsrf)_?token$/i, /^token_?type$/i];

/** Values that stand for a secret rather than being one. */
export const PLACEHOLDER_VALUE: RegExp =
  /^(?:<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%\([^)]*\)s?|\$\([^)]*\)|\[[^\]]*\]|[*x.#_-]+|null|none|undefined|true|false|string|required|optional)$|changeme|change[-_ ]me|your[-_ ]|^example|example$|placeholder|dummy|sample|redacted|replace[-_ ]?me|xxxx|todo|not[-_ ]?a[-_ ]?secret|insert[-_ ]/i;

/** Values that are references or identifiers, not credentials. */
export const REFERENCE_VALUE: RegExp =
  /^(?:arn:|\{\{resolve:|resolve:|ssm:|secretsmanager:|https?:\/\/(?![^/\s]*:[^/\s]*@)|\/|\$[A-Z_]+$|process\.env|env\.|!|sha(?:1|256|384|512)-|\$2[aby]\$|\$argon2|-----BEGIN (?:RSA )?PUBLIC KEY|ssh-(?:rsa|ed25519) )/i;

export const UUID: RegExp = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
