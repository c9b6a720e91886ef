interface DynamoDBKey {
  [key: string]: { S?: string; N?: string; B?: Uint8Array };
}

interface LambdaResponse {
  statusCode: number;
  body: string;
}

// `unknown` keeps the value opaque but checked; parameters without annotations are not explicit.
export async function handler(event: unknown, keys: DynamoDBKey[]): Promise<LambdaResponse> {
  const any = keys.length; // a variable named any is not the any type
  return { statusCode: 200, body: JSON.stringify({ event, any }) };
}

export const identity = <T>(value: T): T => value;
// The word any in comments and strings is not a type.
export const message = 'accepts any key';
