import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RecordedResponse, ResponseValidator } from './response-validator';

/** Records every answer the app sends (before it listens), for `checkAgainstDocument` when it closes. */
export function recordResponses(app: NestFastifyApplication): RecordedResponse[] {
  const recorded: RecordedResponse[] = [];
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      const contentType = reply.getHeader('content-type');
      recorded.push({
        method: request.method,
        route: request.routeOptions.url,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        contentType: contentType === undefined ? undefined : String(contentType),
        body: typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '',
      });
      done(null, payload);
    });
  return recorded;
}

/** The violations of the recorded answers against the document the app serves (read before it closes). */
export async function checkAgainstDocument(app: NestFastifyApplication, recorded: RecordedResponse[]) {
  const served = await app.inject({ method: 'GET', url: '/api/docs-json' });
  return new ResponseValidator(served.json()).violations(recorded);
}
