// GET /orders/{id}: reads one order from DynamoDB.
//
// The route sits behind the JWT authorizer (template.yaml), and the handler checks that the
// order belongs to the caller before returning it.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const events = new EventBridgeClient({});
const TABLE = process.env.ORDERS_TABLE ?? 'orders';

export const handler = async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyResultV2> => {
  const id = event.pathParameters?.id;
  if (!id) return json(400, { message: 'order id is required' });
  const caller = event.requestContext.authorizer.jwt.claims.sub;

  const { Item } = await documents.send(new GetCommand({ TableName: TABLE, Key: { id } }));
  // FIX: someone else's order answers exactly like a missing one, so ids cannot be probed.
  if (!Item || Item.customerId !== caller) return json(404, { message: 'order not found' });

  // An audit event on the default bus; template.yaml grants exactly events:PutEvents on it.
  await events.send(new PutEventsCommand({ Entries: [{ Source: 'orders.api', DetailType: 'OrderViewed', Detail: JSON.stringify({ id, caller }) }] }));
  return json(200, Item);
};

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
