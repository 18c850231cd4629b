// GET /orders/{id}: reads one order from DynamoDB.
//
// The code here is ordinary; this function's flaws are in template.yaml (an open route and
// a dynamodb:* policy) and one below: it never checks whose order it returns.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const events = new EventBridgeClient({});
const TABLE = process.env.ORDERS_TABLE ?? 'orders';

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const id = event.pathParameters?.id;
  if (!id) return json(400, { message: 'order id is required' });

  const { Item } = await documents.send(new GetCommand({ TableName: TABLE, Key: { id } }));
  if (!Item) return json(404, { message: 'order not found' });

  // FLAW (see template.yaml): an audit event on the default bus needs events:PutEvents, which
  // GetOrderFunction's policy does not grant. dynamodb:* allows far too much, and still not
  // this: the call fails with AccessDenied the first time an order is read.
  await events.send(new PutEventsCommand({ Entries: [{ Source: 'orders.api', DetailType: 'OrderViewed', Detail: JSON.stringify({ id }) }] }));

  // FLAW: whoever asks for an id gets that order, with the customer's name and address.
  // Even behind an authorizer, "signed in" is not "allowed to see this order": compare the
  // order's owner with the caller's identity (see the fixed twin).
  return json(200, Item);
};

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
