// POST /orders: stores the order in DynamoDB and reserves the stock in the inventory
// database (RDS MySQL).
//
// Body: { "customerId": "c-123", "sku": "MUG-042", "quantity": 2 }
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import mysql, { type ResultSetHeader } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';

// FLAW: access keys written into the code, "just while debugging". Anyone who can read the
// repository (or the deployment package) can now act as this IAM user, and the keys outlive
// every code review. The function already has an execution role: create the client without
// credentials and the SDK uses the role's short-lived ones. (Made-up keys in the shape of
// real ones; they open nothing.)
const documents = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: 'eu-west-1',
    credentials: {
      accessKeyId: 'AKIA4GQZ7RWXTN2LKM5V',
      secretAccessKey: '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',
    },
  }),
);

const TABLE = process.env.ORDERS_TABLE ?? 'orders';

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const order = JSON.parse(event.body ?? '{}');
  const orderId = randomUUID();

  // FLAW (see template.yaml): the password comes from a plain environment variable.
  const db = await mysql.createConnection({
    host: process.env.INVENTORY_DB_HOST,
    user: process.env.INVENTORY_DB_USER,
    password: process.env.INVENTORY_DB_PASSWORD,
    database: 'inventory',
  });
  try {
    // FLAW: values from the request body are pasted into the SQL text. A sku such as
    //   x' OR '1'='1
    // reserves stock of every product at once. Fixed boxes on the form (? placeholders)
    // keep data as data.
    const [reserved] = await db.query(
      `UPDATE stock SET available = available - ${order.quantity} WHERE sku = '${order.sku}' AND available >= ${order.quantity}`,
    );
    if ((reserved as ResultSetHeader).affectedRows === 0) return json(409, { message: 'out of stock' });

    const reservation =
      "INSERT INTO reservations (order_id, sku, quantity) VALUES ('" + orderId + "', '" + order.sku + "', " + order.quantity + ')';
    await db.execute(reservation);

    // FLAW: the customer id is taken from the body, so any signed-in user can place orders in
    // someone else's name. Who the caller is belongs to the token, not to the request body.
    await documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: { id: orderId, customerId: order.customerId, sku: order.sku, quantity: order.quantity, status: 'NEW' },
      }),
    );
  } finally {
    await db.end();
  }
  return json(201, { id: orderId });
};

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
