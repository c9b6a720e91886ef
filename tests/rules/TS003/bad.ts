import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';

interface ReplicationEvent {
  tableName: string;
  keys: any[];
//      ^^^ TS003
}

const dynamo = new DynamoDBClient({});
const sqs = new SQSClient({});
const cache = new Map<string, any>();
//                            ^^^ TS003

async function replicateDynamoDBItem(itemKey: any): Promise<void> {
//                                            ^^^ TS003
  await dynamo.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: itemKey }));
}

async function sendToDeadLetterQueue(event: any, error: string): Promise<void> {
//                                          ^^^ TS003
  const body = JSON.stringify({ event, error }) as any;
//                                                 ^^^ TS003
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.DLQ_URL, MessageBody: body }));
}

export async function handler(event: ReplicationEvent): Promise<any> {
//                                                              ^^^ TS003
  for (const key of event.keys) {
    try {
      cache.set(String(key), await replicateDynamoDBItem(key));
    } catch (err) {
      await sendToDeadLetterQueue(event, String(err));
    }
  }
  return { statusCode: 200, body: JSON.stringify(event.keys.length) };
}

function decode<T>(raw: string): T {
  return JSON.parse(raw) as T;
}
export const parse = (raw: string) => decode<any>(raw);
//                                           ^^^ TS003
type Handler = (payload: Record<string, any>) => void;
//                                      ^^^ TS003
export const noop: Handler = () => undefined;
