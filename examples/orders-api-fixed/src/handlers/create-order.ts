// POST /orders: stores the order in DynamoDB and reserves the stock in the inventory
// database (RDS MySQL).
//
// Body: { "sku": "MUG-042", "quantity": 2 }; the customer is the signed-in caller.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import mysql, { type Pool, type ResultSetHeader } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';

// FIX: no credentials in the code. Created without any, the clients use the execution
// role's short-lived credentials, which Lambda provides and rotates.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const secrets = new SecretsManagerClient({});

const TABLE = process.env.ORDERS_TABLE ?? 'orders';
const SKU = /^[A-Z0-9-]{1,32}$/;

// FIX: the database password is looked up in Secrets Manager once per execution environment
// and cached outside the handler, so warm invocations pay nothing and a rotated secret is
// picked up by the next cold start without a redeploy.
let pool: Promise<Pool> | undefined;
function inventoryDb(): Promise<Pool> {
  pool ??= secrets
    .send(new GetSecretValueCommand({ SecretId: process.env.INVENTORY_DB_SECRET_ARN }))
    .then((out) => {
      const secret = JSON.parse(out.SecretString ?? '{}');
      return mysql.createPool({
        host: process.env.INVENTORY_DB_HOST,
        user: secret.username,
        password: secret.password,
        database: 'inventory',
        ssl: { rejectUnauthorized: true },
        connectionLimit: 1,
      });
    })
    .catch((e: unknown) => {
      pool = undefined; // try again on the next request rather than caching the failure
      throw e;
    });
  return pool;
}

export const handler = async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyResultV2> => {
  const order = JSON.parse(event.body ?? '{}');
  // Request validation: reject what does not fit before it reaches any database.
  if (typeof order.sku !== 'string' || !SKU.test(order.sku) || !Number.isInteger(order.quantity) || order.quantity < 1) {
    return json(400, { message: 'sku and a positive integer quantity are required' });
  }
  const customerId = event.requestContext.authorizer.jwt.claims.sub;
  const orderId = randomUUID();

  const db = await inventoryDb();
  // FIX: placeholders (?) keep the SQL text fixed; the driver sends the values separately.
  const [reserved] = await db.execute<ResultSetHeader>(
    'UPDATE stock SET available = available - ? WHERE sku = ? AND available >= ?',
    [order.quantity, order.sku, order.quantity],
  );
  if (reserved.affectedRows === 0) return json(409, { message: 'out of stock' });
  await db.execute('INSERT INTO reservations (order_id, sku, quantity) VALUES (?, ?, ?)', [orderId, order.sku, order.quantity]);

  await documents.send(
    new PutCommand({
      TableName: TABLE,
      Item: { id: orderId, customerId, sku: order.sku, quantity: order.quantity, status: 'NEW' },
    }),
  );
  return json(201, { id: orderId });
};

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
