// The part of Jobber's GraphQL schema the connector reads, as SDL (type and field names from the
// developer docs; enum values as the reference lists them).
export const JOBBER_SDL = /* GraphQL */ `
  scalar ISO8601DateTime
  scalar EncodedId

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    endCursor: String
    startCursor: String
  }
  type Account {
    id: EncodedId!
    name: String!
  }
  type Address {
    street: String
    street1: String
    street2: String
    city: String
    province: String
    postalCode: String
    country: String
  }
  type Email {
    address: String!
    primary: Boolean!
  }
  type Phone {
    number: String!
    primary: Boolean!
  }
  type CustomFieldText {
    label: String!
    valueText: String
  }

  type Client {
    id: EncodedId!
    name: String!
    firstName: String
    lastName: String
    companyName: String
    isCompany: Boolean!
    balance: Float!
    billingAddress: Address
    emails: [Email!]!
    phones: [Phone!]!
    isArchived: Boolean!
    isLead: Boolean!
    createdAt: ISO8601DateTime!
    updatedAt: ISO8601DateTime!
  }
  type ClientConnection {
    nodes: [Client!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Property {
    id: EncodedId!
    address: Address
  }
  type PropertyConnection {
    nodes: [Property!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum JobStatusTypeEnum {
    active
    upcoming
    today
    late
    action_required
    requires_invoicing
    unscheduled
    on_hold
    archived
  }
  type Job {
    id: EncodedId!
    jobNumber: Int!
    jobStatus: JobStatusTypeEnum!
    jobType: String
    title: String
    total: Float!
    client: Client!
    property: Property
    completedAt: ISO8601DateTime
    startAt: ISO8601DateTime
    createdAt: ISO8601DateTime!
    updatedAt: ISO8601DateTime!
    customFields: [CustomFieldText!]!
    invoices(first: Int, after: String): InvoiceConnection!
  }
  type JobConnection {
    nodes: [Job!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum InvoiceStatusTypeEnum {
    draft
    awaiting_payment
    paid
    past_due
    bad_debt
  }
  type InvoiceAmounts {
    depositAmount: Float!
    discountAmount: Float!
    invoiceBalance: Float!
    nonTaxAmount: Float!
    paymentsTotal: Float!
    subtotal: Float!
    taxAmount: Float!
    tipsTotal: Float!
    total: Float!
  }
  type LineItem {
    id: EncodedId!
    name: String!
    description: String
    quantity: Float!
    unitPrice: Float!
    totalPrice: Float!
    taxable: Boolean!
  }
  type LineItemConnection {
    nodes: [LineItem!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type Invoice {
    id: EncodedId!
    invoiceNumber: String!
    invoiceStatus: InvoiceStatusTypeEnum!
    subject: String
    issuedDate: ISO8601DateTime
    dueDate: ISO8601DateTime
    receivedDate: ISO8601DateTime
    createdAt: ISO8601DateTime!
    updatedAt: ISO8601DateTime!
    amounts: InvoiceAmounts!
    client: Client!
    properties(first: Int, after: String): PropertyConnection!
    jobs(first: Int, after: String): JobConnection!
    lineItems(first: Int, after: String): LineItemConnection!
    paymentRecords(first: Int, after: String): PaymentRecordConnection!
    customFields: [CustomFieldText!]!
  }
  type InvoiceConnection {
    nodes: [Invoice!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type PaymentRecord {
    id: EncodedId!
    amount: Float!
    entryDate: ISO8601DateTime!
    paymentType: String
    paymentOrigin: String
    details: String
    tipAmount: Float
    client: Client
    invoice: Invoice
    createdAt: ISO8601DateTime!
    updatedAt: ISO8601DateTime!
  }
  type PaymentRecordConnection {
    nodes: [PaymentRecord!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  input DateRange {
    after: ISO8601DateTime
    before: ISO8601DateTime
  }
  input InvoiceFilterAttributes {
    updatedAt: DateRange
  }
  input ClientFilterAttributes {
    updatedAt: DateRange
  }
  input PaymentRecordFilterAttributes {
    entryDate: DateRange
  }
  enum SortDirectionEnum {
    ASCENDING
    DESCENDING
  }
  enum JobsSortableFields {
    UPDATED_AT
    CREATED_AT
    JOB_NUMBER
  }
  input JobsSortInput {
    key: JobsSortableFields!
    direction: SortDirectionEnum!
  }

  type Query {
    account: Account!
    clients(first: Int, after: String, filter: ClientFilterAttributes): ClientConnection!
    jobs(first: Int, after: String, sort: [JobsSortInput!]): JobConnection!
    invoices(first: Int, after: String, filter: InvoiceFilterAttributes): InvoiceConnection!
    paymentRecords(first: Int, after: String, filter: PaymentRecordFilterAttributes): PaymentRecordConnection!
    client(id: EncodedId!): Client
    job(id: EncodedId!): Job
    invoice(id: EncodedId!): Invoice
    paymentRecord(id: EncodedId!): PaymentRecord
  }
`;

/** Jobber's EncodedId: base64 of `gid://Jobber/<Type>/<number>`. */
export function encodedId(type: string, n: number): string {
  return Buffer.from(`gid://Jobber/${type}/${n}`).toString('base64');
}

export function decodeId(id: string): { type: string; n: number } | undefined {
  const m = /^gid:\/\/Jobber\/(\w+)\/(\d+)$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  return m ? { type: m[1]!, n: Number(m[2]) } : undefined;
}
