import { describe, expect, it } from 'vitest';
import { parseQuery, type ParsedQuery } from '../../../adapters/quickbooks-sandbox/query-parse';
import { runQuery } from '../../../adapters/quickbooks-sandbox/query-run';
import { aCustomer, anInvoice } from './builders';

function parsed(text: string): ParsedQuery {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(result.error);
  return result.query;
}

describe('the sandbox query parser', () => {
  it('reads the query node-quickbooks sends for paged criteria', () => {
    expect(
      parsed(
        "select * from customer where Id IN ('1','2') and Active = true orderby MetaData.LastUpdatedTime desc startposition 501 maxresults 500",
      ),
    ).toEqual({
      count: false,
      entity: 'customer',
      where: [
        { field: 'Id', op: 'IN', value: ['1', '2'] },
        { field: 'Active', op: '=', value: true },
      ],
      orderBy: { field: 'MetaData.LastUpdatedTime', desc: true },
      startPosition: 501,
      maxResults: 500,
    });
  });

  it('treats keywords and entity names case-insensitively', () => {
    expect(parsed('SELECT COUNT(*) FROM Invoice WHERE TotalAmt >= 10.5 ORDERBY DocNumber ASC STARTPOSITION 2 MAXRESULTS 3')).toMatchObject({
      count: true,
      entity: 'Invoice',
      where: [{ field: 'TotalAmt', op: '>=', value: 10.5 }],
      orderBy: { field: 'DocNumber', desc: false },
    });
  });

  it("unescapes \\' inside quoted strings and keeps every other backslash", () => {
    const query = String.raw`select * from invoice where DocNumber = 'O\'Brien #1 & 50%+' and Memo = 'C:\path' and Note = 'a\\'b'`;
    expect(parsed(query).where.map((c) => c.value)).toEqual(["O'Brien #1 & 50%+", 'C:\\path', "a\\'b"]);
  });

  it('reads booleans in IN lists, negative numbers and LIKE patterns', () => {
    expect(parsed("select * from customer where Active IN (true,false) and Balance > -5 and DisplayName LIKE '%Tune%'").where).toEqual([
      { field: 'Active', op: 'IN', value: [true, false] },
      { field: 'Balance', op: '>', value: -5 },
      { field: 'DisplayName', op: 'LIKE', value: '%Tune%' },
    ]);
  });

  it('defaults to 100 results and caps at 1000, like QuickBooks', () => {
    expect(parsed('select * from department')).toMatchObject({ startPosition: 1, maxResults: 100 });
    expect(parsed('select * from item maxresults 5000').maxResults).toBe(1000);
  });

  it.each([
    ['select * from invoice where', /Encountered "<EOF>".*Was expecting a field/],
    ["select * from invoice where DocNumber = 'open", /Was expecting a closing quote/],
    ['select * from invoice where TotalAmt ~ 3', /Encountered "~" at line 1, column 38/],
    ['select * from invoice or', /Encountered "or".*the end of the query/],
    ['select Id from invoice', /Encountered "Id"/],
    ['select * from invoice where A = B', /Was expecting a quoted string, a number, true or false/],
  ])('rejects %j', (text, message) => {
    const result = parseQuery(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(message);
  });
});

describe('the sandbox query runner', () => {
  const customers = [
    aCustomer({ Id: '1', DisplayName: 'Alpha Heating', Active: true, Balance: 20 }),
    aCustomer({ Id: '2', DisplayName: 'beta cooling', Active: false, Balance: 5 }),
    aCustomer({ Id: '3', DisplayName: 'Gamma Tune-Up', Balance: 0 }),
  ];

  it('hides inactive name-list rows unless the query filters on Active', () => {
    expect(runQuery(parsed('select * from customer'), 'Customer', customers)).toMatchObject({
      Customer: [{ Id: '1' }, { Id: '3' }],
      maxResults: 2,
    });
    expect(runQuery(parsed('select * from customer where Active IN (true,false)'), 'Customer', customers)).toMatchObject({ maxResults: 3 });
    expect(runQuery(parsed('select * from customer where Active = false'), 'Customer', customers)).toMatchObject({
      Customer: [{ Id: '2' }],
    });
  });

  it('matches LIKE with % case-insensitively', () => {
    expect(runQuery(parsed("select * from customer where DisplayName LIKE '%TUNE%'"), 'Customer', customers)).toMatchObject({
      Customer: [{ Id: '3' }],
    });
  });

  it('compares timestamps as instants across offsets and references by their value', () => {
    const invoices = [
      anInvoice({ Id: 'a', CustomerRef: { value: '7' }, MetaData: { LastUpdatedTime: '2024-01-01T10:00:00-08:00' } }),
      anInvoice({ Id: 'b', CustomerRef: { value: '8' }, MetaData: { LastUpdatedTime: '2024-01-01T17:00:00Z' } }),
    ];
    const later = runQuery(parsed("select * from invoice where MetaData.LastUpdatedTime > '2024-01-01T17:30:00Z'"), 'Invoice', invoices);
    expect(later).toMatchObject({ Invoice: [{ Id: 'a' }] });
    expect(runQuery(parsed("select * from invoice where CustomerRef = '8'"), 'Invoice', invoices)).toMatchObject({
      Invoice: [{ Id: 'b' }],
    });
  });

  it('orders, pages and counts', () => {
    const all = parsed('select * from customer where Active IN (true,false) orderby Balance desc startposition 2 maxresults 1');
    expect(runQuery(all, 'Customer', customers)).toEqual({ Customer: [customers[1]], startPosition: 2, maxResults: 1 });
    expect(runQuery(parsed('select count(*) from customer'), 'Customer', customers)).toEqual({ totalCount: 2 });
  });

  it('returns an empty QueryResponse when nothing matches', () => {
    expect(runQuery(parsed("select * from customer where DisplayName = 'nobody'"), 'Customer', customers)).toEqual({});
  });
});
