// Order search for the back-office dashboard, served by a function URL:
//   GET <function-url>?customerId=c-123&status=SHIPPED&limit=20
// Reads the PostgreSQL reporting database.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { Pool } from 'pg';

// FLAW (see template.yaml): the password arrives as a plain environment variable.
const pool = new Pool({
  host: process.env.REPORTING_DB_HOST,
  user: process.env.REPORTING_DB_USER,
  password: process.env.REPORTING_DB_PASSWORD,
  database: 'reporting',
  max: 2,
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const params = event.queryStringParameters ?? {};
  const customerId = params.customerId;
  const status = params.status;
  const limit = Math.min(Number(params.limit ?? '20'), 100);
  if (!customerId) return json(400, { message: 'customerId is required' });

  if (status) {
    // FLAW: the SQL text is glued together with `+` from query-string values. A customerId of
    //   x' OR '1'='1
    // turns "this customer's orders" into "everybody's orders". This is someone writing on
    // the order form in a way that tricks the kitchen.
    const sql =
      "SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = '" + customerId +
      "' AND status = '" + status + "' ORDER BY created_at DESC LIMIT " + limit;
    const { rows } = await pool.query(sql);
    return json(200, { orders: rows });
  }

  // FLAW: the same mistake with a template literal. The backticks look tidier but do exactly
  // the same thing: the value becomes part of the command.
  const { rows } = await pool.query(`SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = '${customerId}' ORDER BY created_at DESC LIMIT ${limit}`);
  return json(200, { orders: rows });
};

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
