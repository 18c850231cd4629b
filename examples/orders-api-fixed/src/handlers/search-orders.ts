// Order search for the back-office dashboard, served by an IAM-authenticated function URL:
//   GET <function-url>?customerId=c-123&status=SHIPPED&limit=20
// Reads the PostgreSQL reporting database.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Pool } from 'pg';

const secrets = new SecretsManagerClient({});

// FIX: the credentials come from Secrets Manager, fetched on the first request and kept for
// the life of the execution environment (outside the handler), not from an env variable.
let pool: Promise<Pool> | undefined;
function reportingDb(): Promise<Pool> {
  pool ??= secrets
    .send(new GetSecretValueCommand({ SecretId: process.env.REPORTING_DB_SECRET_ARN }))
    .then((out) => {
      const secret = JSON.parse(out.SecretString ?? '{}');
      return new Pool({
        host: process.env.REPORTING_DB_HOST,
        user: secret.username,
        password: secret.password,
        database: 'reporting',
        ssl: { rejectUnauthorized: true },
        max: 2,
      });
    })
    .catch((e: unknown) => {
      pool = undefined; // try again on the next request rather than caching the failure
      throw e;
    });
  return pool;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const params = event.queryStringParameters ?? {};
  const customerId = params.customerId;
  const status = params.status;
  const limit = Math.min(Number(params.limit ?? '20'), 100);
  if (!customerId) return json(400, { message: 'customerId is required' });

  const db = await reportingDb();
  // FIX: the SQL text is fixed; the values travel separately as $1, $2, $3. A form with
  // fixed boxes: whatever a customerId contains, it can only ever be compared, never run.
  if (status) {
    const { rows } = await db.query(
      'SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = $1 AND status = $2 ORDER BY created_at DESC LIMIT $3',
      [customerId, status, limit],
    );
    return json(200, { orders: rows });
  }

  const { rows } = await db.query('SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2', [customerId, limit]);
  return json(200, { orders: rows });
};

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
