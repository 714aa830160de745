// The GraphQL documents the connector sends. Nested connections are kept small: a connection costs
// `first` × its fields, and a page must fit the cost bucket.
const INVOICE_FIELDS = `id invoiceNumber invoiceStatus subject issuedDate dueDate receivedDate createdAt updatedAt
  amounts { subtotal taxAmount discountAmount total paymentsTotal invoiceBalance tipsTotal }
  client { id name companyName }
  jobs(first: 3) { nodes { id jobNumber } }
  lineItems(first: 20) { nodes { id name description quantity totalPrice taxable } }
  customFields { label valueText }`;

export const INVOICES = `query Invoices($first: Int!, $after: String, $since: ISO8601DateTime) {
  invoices(first: $first, after: $after, filter: { updatedAt: { after: $since } }) {
    nodes { ${INVOICE_FIELDS} }
    pageInfo { hasNextPage endCursor } } }`;

export const INVOICE = `query Invoice($id: EncodedId!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`;

const JOB_FIELDS = `id jobNumber jobStatus title total completedAt createdAt updatedAt
  client { id name } customFields { label valueText } invoices(first: 1) { totalCount }`;

// Jobs have no updatedAt filter: newest change first, and the connector stops at its watermark.
export const JOBS = `query Jobs($first: Int!, $after: String) {
  jobs(first: $first, after: $after, sort: [{ key: UPDATED_AT, direction: DESCENDING }]) {
    nodes { ${JOB_FIELDS} }
    pageInfo { hasNextPage endCursor } } }`;

export const JOB = `query Job($id: EncodedId!) { job(id: $id) { ${JOB_FIELDS} } }`;

const CLIENT_FIELDS = `id name firstName lastName companyName isCompany balance isArchived createdAt updatedAt
  billingAddress { street1 city province postalCode } emails { address primary } phones { number primary }`;

export const CLIENTS = `query Clients($first: Int!, $after: String, $since: ISO8601DateTime) {
  clients(first: $first, after: $after, filter: { updatedAt: { after: $since } }) {
    nodes { ${CLIENT_FIELDS} }
    pageInfo { hasNextPage endCursor } } }`;

export const CLIENT = `query Client($id: EncodedId!) { client(id: $id) { ${CLIENT_FIELDS} } }`;

const PAYMENT_FIELDS = `id amount entryDate paymentType details createdAt updatedAt client { id name } invoice { id invoiceNumber }`;

export const PAYMENTS = `query Payments($first: Int!, $after: String, $since: ISO8601DateTime) {
  paymentRecords(first: $first, after: $after, filter: { entryDate: { after: $since } }) {
    nodes { ${PAYMENT_FIELDS} }
    pageInfo { hasNextPage endCursor } } }`;

export const PAYMENT = `query Payment($id: EncodedId!) { paymentRecord(id: $id) { ${PAYMENT_FIELDS} } }`;
