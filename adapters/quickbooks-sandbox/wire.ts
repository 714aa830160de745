// Response bodies in QuickBooks' wire format: the Fault envelope in both key casings QuickBooks uses,
// and the helpers every route writes through.
import type { ServerResponse } from 'node:http';

export interface WireError {
  Message: string;
  Detail: string;
  code: string;
}

export function qboTime(): string {
  return new Date().toISOString();
}

/** Validation, service and system faults use capitalised keys. */
export function faultBody(type: string, error: WireError): Record<string, unknown> {
  return { Fault: { Error: [{ ...error, element: '' }], type }, time: qboTime() };
}

/** 401s come back with lower-case keys and a few null siblings. */
export function authFaultBody(detail: string): Record<string, unknown> {
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [{ message: AUTH_ERROR.Message, detail, code: AUTH_ERROR.code, element: null }],
      type: 'AUTHENTICATION',
    },
    report: null,
    time: qboTime(),
  };
}

export const AUTH_ERROR: WireError = {
  Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
  Detail: 'Token expired or invalid',
  code: '3200',
};

export function xmlFaultBody(type: string, error: WireError): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${qboTime()}">` +
    `<Fault type="${type}"><Error code="${error.code}"><Message>${escapeXml(error.Message)}</Message>` +
    `<Detail>${escapeXml(error.Detail)}</Detail></Error></Fault></IntuitResponse>`
  );
}

export function htmlErrorPage(status: number, title: string): string {
  return (
    `<!DOCTYPE html><html><head><title>${status} ${title}</title></head>` +
    `<body><h1>${title}</h1><p>The server is temporarily unable to service your request.</p></body></html>`
  );
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json;charset=UTF-8', JSON.stringify(body), headers);
}

export function send(res: ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
