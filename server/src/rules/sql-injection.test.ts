import * as assert from 'node:assert/strict';
import { rule } from './sql-injection';
import { run } from '../../../test/kit/rule-tester';
import { analyze } from '../engine/analyze';
import { resolveConfig } from '../engine/config';
import fc from 'fast-check';
import { safeAnchoredRegex } from './shared/guards';

run(rule, {
  valid: [
    {
      name: 'pg with bound parameters',
      file: 'get-order.ts',
      code: `import { Client } from 'pg';
const client = new Client();
export const handler = async (event: any) => {
  const id = event.pathParameters.id;
  return client.query('SELECT * FROM orders WHERE id = $1', [id]);
};
`,
    },
    {
      name: 'a constant query built with a template literal',
      file: 'list.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const TABLE = 'orders';
export async function handler(event) {
  return pool.query(\`SELECT * FROM \${TABLE} LIMIT 10\`);
}
`,
    },
    {
      name: 'a number passed through Number()',
      file: 'page.ts',
      code: `import mysql from 'mysql2/promise';
export const handler = async (event) => {
  const conn = await mysql.createConnection({});
  const limit = Number(event.queryStringParameters.limit);
  return conn.query('SELECT * FROM orders LIMIT ' + limit);
};
`,
    },
    {
      name: 'no database driver imported',
      file: 'graph.ts',
      code: `import { graph } from './graph';
export const handler = async (event) => graph.query('{ order(id: "' + event.arguments.id + '") { id } }');
`,
    },
    {
      name: 'request data in a function that is not exported is not a handler',
      file: 'helper.ts',
      code: `import { Client } from 'pg';
async function load(client: Client, event: any) {
  return client.query("SELECT * FROM t WHERE id = '" + event.id + "'");
}
`,
    },
    {
      name: 'mysql2 execute with ? placeholders',
      file: 'put.js',
      code: `const mysql = require('mysql2/promise');
exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  const db = await mysql.createConnection(process.env.DB_URL);
  await db.execute('INSERT INTO orders (id, item) VALUES (?, ?)', [body.id, body.item]);
};
`,
    },
    {
      name: 'sequelize with replacements',
      file: 'seq.ts',
      code: `import { Sequelize, QueryTypes } from 'sequelize';
const sequelize = new Sequelize(process.env.DB_URL!);
export const handler = async (event) => {
  return sequelize.query('SELECT * FROM orders WHERE id = ?', { replacements: [event.pathParameters.id], type: QueryTypes.SELECT });
};
`,
    },
    {
      name: 'sequelize with bind',
      file: 'seq-bind.ts',
      code: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DB_URL!);
export const handler = async (event) => sequelize.query('SELECT * FROM orders WHERE id = $id', { bind: { id: event.pathParameters.id } });
`,
    },
    {
      name: 'Prisma tagged $queryRaw',
      file: 'prisma.ts',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const handler = async (event) => {
  const email = event.queryStringParameters.email;
  return prisma.$queryRaw\`SELECT * FROM users WHERE email = \${email}\`;
};
`,
    },
    {
      name: 'postgres sql tagged template',
      file: 'porsager.ts',
      code: `import postgres from 'postgres';
const sql = postgres(process.env.DB_URL!);
export const handler = async (event) => {
  const { id } = event.pathParameters;
  return sql\`SELECT * FROM orders WHERE id = \${id}\`;
};
`,
    },
    {
      name: 'slonik sql tagged template passed to pool.query',
      file: 'slonik.ts',
      code: `import { createPool, sql } from 'slonik';
export const handler = async (event) => {
  const pool = await createPool(process.env.DB_URL!);
  return pool.query(sql.unsafe\`SELECT * FROM orders WHERE id = \${event.pathParameters.id}\`);
};
`,
    },
    {
      name: 'knex query builder',
      file: 'knex-builder.ts',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const handler = async (event) => db('orders').where({ id: event.pathParameters.id }).first();
`,
    },
    {
      name: 'knex whereRaw with bindings',
      file: 'knex-bound.ts',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const handler = async (event) => db('orders').whereRaw('total > ?', [event.queryStringParameters.min]);
`,
    },
    {
      name: 'parseInt and .map(Number).join',
      file: 'ids.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const page = parseInt(event.queryStringParameters.page, 10);
  const ids = event.multiValueQueryStringParameters.id.map(Number).join(',');
  return pool.query(\`SELECT * FROM orders WHERE id IN (\${ids}) OFFSET \${page * 20}\`);
};
`,
    },
    {
      name: 'a column checked against an allow-list before use',
      file: 'sort.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const SORTABLE = ['created_at', 'total'];
export const handler = async (event) => {
  const { sort } = event.queryStringParameters;
  if (!SORTABLE.includes(sort)) {
    return { statusCode: 400, body: 'bad sort' };
  }
  return pool.query(\`SELECT * FROM orders ORDER BY \${sort}\`);
};
`,
    },
    {
      name: 'a direction checked by a switch that throws by default',
      file: 'dir.ts',
      code: `import mysql from 'mysql2/promise';
export const handler = async (event) => {
  const db = await mysql.createConnection(process.env.DB_URL!);
  const dir = event.queryStringParameters.dir;
  switch (dir) {
    case 'asc':
    case 'desc':
      break;
    default:
      throw new Error('bad direction');
  }
  return db.query('SELECT * FROM orders ORDER BY total ' + dir);
};
`,
    },
    {
      name: 'a value looked up in a constant map, and an in-check',
      file: 'lookup.ts',
      code: `import { Client } from 'pg';
const client = new Client();
const COLUMNS = { date: 'created_at', total: 'total_cents' };
export const handler = async (event) => {
  const col = COLUMNS[event.queryStringParameters.sort];
  const field = event.queryStringParameters.field;
  if (!(field in COLUMNS)) throw new Error('unknown field');
  return client.query(\`SELECT \${field}, \${col} FROM orders\`);
};
`,
    },
    {
      name: 'RDS Data API with named parameters',
      file: 'rds-ok.ts',
      code: `import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
const rds = new RDSDataClient({});
export const handler = async (event) => rds.send(new ExecuteStatementCommand({
  resourceArn: process.env.DB_ARN, secretArn: process.env.SECRET_ARN,
  sql: 'SELECT * FROM orders WHERE id = :id',
  parameters: [{ name: 'id', value: { stringValue: event.pathParameters.id } }],
}));
`,
    },
    {
      name: 'PartiQL with Parameters',
      file: 'partiql-ok.ts',
      code: `import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
const ddb = new DynamoDBClient({});
export const handler = async (event) => ddb.send(new ExecuteStatementCommand({
  Statement: 'SELECT * FROM "orders" WHERE pk = ?',
  Parameters: [{ S: event.pathParameters.id }],
}));
`,
    },
    {
      name: 'the second (context) parameter is not request data',
      file: 'ctx.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event, context) => pool.query(\`INSERT INTO audit (request) VALUES ('\${context.awsRequestId}')\`);
`,
    },
    {
      name: 'an exported helper whose first parameter is a string is not a handler',
      file: 'repo.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function byStatus(status: string) {
  return pool.query(\`SELECT * FROM orders WHERE status = '\${status}'\`);
}
`,
    },
    {
      name: 'a length or a boolean derived from the request',
      file: 'len.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const n = event.body.length;
  const admin = event.headers['x-role'].startsWith('admin');
  return pool.query(\`SELECT * FROM orders LIMIT \${n} -- \${admin}\`);
};
`,
    },
    {
      name: 'better-sqlite3 prepared statement run with values',
      file: 'sqlite-ok.ts',
      code: `import Database from 'better-sqlite3';
const db = new Database('/tmp/cache.db');
export const handler = async (event) => {
  const stmt = db.prepare('SELECT * FROM cache WHERE key = ?');
  db.prepare('DELETE FROM cache WHERE key = ?').run(event.pathParameters.key);
  return stmt.get(event.pathParameters.key);
};
`,
    },
  ],
  invalid: [
    {
      name: 'CommonJS: a handler exported by shorthand in a module.exports object',
      file: 'users.js',
      code: `const { Pool } = require('pg');
const pool = new Pool();
async function handler(event) {
  return pool.query("SELECT * FROM users WHERE id = '" + event.pathParameters.id + "'");
}
module.exports = { handler };
`,
      errors: [{ line: 4, column: 21, endLine: 4, endColumn: 87, message: 'request data (event.pathParameters.id, from event)', resource: null }],
      output: `const { Pool } = require('pg');
const pool = new Pool();
async function handler(event) {
  return pool.query("SELECT * FROM users WHERE id = $1", [event.pathParameters.id]);
}
module.exports = { handler };
`,
    },
    {
      name: 'CommonJS: a handler exported under a handler name in a module.exports object',
      file: 'lookup.js',
      code: `const { Pool } = require('pg');
const pool = new Pool();
const lookup = async (event) => pool.query(\`SELECT * FROM users WHERE email = '\${event.queryStringParameters.email}'\`);
module.exports = { lookupHandler: lookup };
`,
      errors: [{ line: 3, column: 44, endLine: 3, endColumn: 118, message: 'request data (event.queryStringParameters.email, from event)', resource: null }],
      output: `const { Pool } = require('pg');
const pool = new Pool();
const lookup = async (event) => pool.query(\`SELECT * FROM users WHERE email = $1\`, [event.queryStringParameters.email]);
module.exports = { lookupHandler: lookup };
`,
    },
    {
      name: 'CommonJS: exports.handler naming a function declared above it',
      file: 'orders.js',
      code: `const mysql = require('mysql2/promise');
const getOrder = async (event) => {
  const db = await mysql.createConnection(process.env.DB_URL);
  return db.query('SELECT * FROM orders WHERE id = ' + event.pathParameters.id);
};
exports.handler = getOrder;
`,
      errors: [{ line: 4, column: 19, endLine: 4, endColumn: 79, message: 'request data (event.pathParameters.id, from event)', resource: null }],
      output: `const mysql = require('mysql2/promise');
const getOrder = async (event) => {
  const db = await mysql.createConnection(process.env.DB_URL);
  return db.query('SELECT * FROM orders WHERE id = ?', [event.pathParameters.id]);
};
exports.handler = getOrder;
`,
    },
    {
      name: 'pg: concatenation from pathParameters',
      file: 'get-order.ts',
      code: `import { Client } from 'pg';
const client = new Client();
export const handler = async (event) => {
  const id = event.pathParameters.id;
  return client.query("SELECT * FROM orders WHERE id = '" + id + "'");
};
`,
      errors: [{ line: 5, column: 23, endLine: 5, endColumn: 69, message: 'request data (id, from event)', resource: null }],
      output: `import { Client } from 'pg';
const client = new Client();
export const handler = async (event) => {
  const id = event.pathParameters.id;
  return client.query("SELECT * FROM orders WHERE id = $1", [id]);
};
`,
    },
    {
      name: 'pg: template literal held in a variable, destructured event',
      file: 'search.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function handler({ queryStringParameters }) {
  const name = queryStringParameters.name;
  const sql = \`SELECT * FROM items WHERE name LIKE '%\${name}%' AND kind = \${queryStringParameters.kind}\`;
  const result = await pool.query(sql);
  return result.rows;
}
`,
      errors: [{ line: 5, column: 15, endLine: 5, endColumn: 105, message: "(name, from the event)" }],
      output: `import { Pool } from 'pg';
const pool = new Pool();
export async function handler({ queryStringParameters }) {
  const name = queryStringParameters.name;
  const sql = \`SELECT * FROM items WHERE name LIKE $1 AND kind = $2\`;
  const result = await pool.query(sql, [\`%\${name}%\`, queryStringParameters.kind]);
  return result.rows;
}
`,
    },
    {
      name: 'mysql2: JSON.parse(event.body) through require, CommonJS export',
      file: 'create.js',
      code: `const mysql = require('mysql2/promise');
exports.handler = async (event) => {
  const order = JSON.parse(event.body);
  const db = await mysql.createConnection(process.env.DB_URL);
  await db.execute(\`INSERT INTO orders (item) VALUES ('\${order.item}')\`);
};
`,
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 72 }],
      output: `const mysql = require('mysql2/promise');
exports.handler = async (event) => {
  const order = JSON.parse(event.body);
  const db = await mysql.createConnection(process.env.DB_URL);
  await db.execute(\`INSERT INTO orders (item) VALUES (?)\`, [order.item]);
};
`,
    },
    {
      name: 'pg: a query that already has values is reported without a fix',
      file: 'update.ts',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export const handler = async (event) => {
  await pool.query('UPDATE t SET a = $1 WHERE id = ' + event.pathParameters.id, [1]);
};
`,
      errors: [{ line: 4, column: 20, endLine: 4, endColumn: 79 }],
    },
    {
      name: "pg: a header through trim() and toLowerCase(), typed APIGatewayProxyEvent",
      file: 'headers-string-methods.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event: APIGatewayProxyEvent) => {
  const tenant = event.headers['x-tenant'].trim().toLowerCase();
  return pool.query(\`SELECT * FROM orders WHERE tenant = '\${tenant}'\`);
};
`,
      errors: [
        { line: 5, column: 21, endLine: 5, endColumn: 70 },
      ],
      output: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event: APIGatewayProxyEvent) => {
  const tenant = event.headers['x-tenant'].trim().toLowerCase();
  return pool.query(\`SELECT * FROM orders WHERE tenant = $1\`, [tenant]);
};
`,
    },
    {
      name: "pg: SQL built with += from an HTTP API (v2) query string, reported on the argument without a fix",
      file: 'v2-plus-equals.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event: APIGatewayProxyEventV2) => {
  let sql = 'SELECT * FROM orders WHERE 1 = 1';
  if (event.queryStringParameters?.status) sql += \` AND status = '\${event.queryStringParameters.status}'\`;
  return pool.query(sql);
};
`,
      errors: [
        { line: 6, column: 21, endLine: 6, endColumn: 24, message: 'event.queryStringParameters.status → sql → pool.query()' },
      ],
    },
    {
      name: "pg: conditions pushed to an array and joined; a whole condition cannot be a parameter, so no fix",
      file: 'array-join.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const filters = [];
  for (const [k, v] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    filters.push(\`\${k} = '\${v}'\`);
  }
  return pool.query('SELECT * FROM orders WHERE ' + filters.join(' AND '));
};
`,
      errors: [
        { line: 8, column: 21, endLine: 8, endColumn: 74 },
      ],
    },
    {
      name: "pg: util.format with requestContext claims",
      file: 'util-format.js',
      code: `const util = require('util');
const { Client } = require('pg');
const client = new Client();
exports.handler = async (event) => {
  const q = util.format("SELECT * FROM users WHERE id = '%s'", event.requestContext.authorizer.claims.sub);
  return client.query(q);
};
`,
      errors: [
        { line: 6, column: 23, endLine: 6, endColumn: 24 },
      ],
    },
    {
      name: "mysql2: a body field stored in an object property",
      file: 'object-property.ts',
      code: `import mysql from 'mysql2/promise';
export const handler = async (event) => {
  const db = await mysql.createConnection(process.env.DB_URL!);
  const input = { name: '', city: '' };
  input.city = JSON.parse(event.body).city;
  return db.query(\`SELECT * FROM stores WHERE city = '\${input.city}'\`);
};
`,
      errors: [
        { line: 6, column: 19, endLine: 6, endColumn: 70 },
      ],
      output: `import mysql from 'mysql2/promise';
export const handler = async (event) => {
  const db = await mysql.createConnection(process.env.DB_URL!);
  const input = { name: '', city: '' };
  input.city = JSON.parse(event.body).city;
  return db.query(\`SELECT * FROM stores WHERE city = ?\`, [input.city]);
};
`,
    },
    {
      name: "pg: a same-file helper that returns request data",
      file: 'helper-returns.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
function orderIdOf(evt) {
  return evt.pathParameters.orderId;
}
export const handler = async (event) => {
  const id = orderIdOf(event);
  return pool.query(\`SELECT * FROM orders WHERE id = \${id}\`);
};
`,
      errors: [
        { line: 8, column: 21, endLine: 8, endColumn: 60, message: 'evt.pathParameters.orderId → id → pool.query()' },
      ],
      output: `import { Pool } from 'pg';
const pool = new Pool();
function orderIdOf(evt) {
  return evt.pathParameters.orderId;
}
export const handler = async (event) => {
  const id = orderIdOf(event);
  return pool.query(\`SELECT * FROM orders WHERE id = $1\`, [id]);
};
`,
    },
    {
      name: "pg: request data passed on to a same-file helper that runs the query",
      file: 'helper-sink.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function findByEmail(email: string) {
  return pool.query(\`SELECT * FROM users WHERE email = '\${email}'\`);
}
export const handler = async (event) => {
  const { email } = JSON.parse(event.body);
  return findByEmail(email);
};
`,
      errors: [
        { line: 4, column: 21, endLine: 4, endColumn: 67 },
      ],
      output: `import { Pool } from 'pg';
const pool = new Pool();
async function findByEmail(email: string) {
  return pool.query(\`SELECT * FROM users WHERE email = $1\`, [email]);
}
export const handler = async (event) => {
  const { email } = JSON.parse(event.body);
  return findByEmail(email);
};
`,
    },
    {
      name: "better-sqlite3: SQS Records[].body in a for-of loop, prepare().run()",
      file: 'sqs-records.ts',
      code: `import Database from 'better-sqlite3';
const db = new Database('/tmp/cache.db');
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const msg = JSON.parse(record.body);
    db.prepare(\`DELETE FROM cache WHERE key = '\${msg.key}'\`).run();
  }
};
`,
      errors: [
        { line: 6, column: 16, endLine: 6, endColumn: 60 },
      ],
      output: `import Database from 'better-sqlite3';
const db = new Database('/tmp/cache.db');
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const msg = JSON.parse(record.body);
    db.prepare(\`DELETE FROM cache WHERE key = ?\`).run(msg.key);
  }
};
`,
    },
    {
      name: "sqlite3: SNS records in a forEach callback",
      file: 'sns-foreach.js',
      code: `const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('/tmp/x.db');
exports.handler = async (event) => {
  event.Records.forEach((r) => {
    db.run("INSERT INTO notes (text) VALUES ('" + r.Sns.Message + "')");
  });
};
`,
      errors: [
        { line: 5, column: 12, endLine: 5, endColumn: 71 },
      ],
      output: `const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('/tmp/x.db');
exports.handler = async (event) => {
  event.Records.forEach((r) => {
    db.run("INSERT INTO notes (text) VALUES (?)", [r.Sns.Message]);
  });
};
`,
    },
    {
      name: "Sequelize: AppSync arguments, fixed with replacements",
      file: 'appsync.ts',
      code: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DB_URL!);
export const handler = async (event: AppSyncResolverEvent<{ id: string }>) => {
  return sequelize.query(\`SELECT * FROM products WHERE id = '\${event.arguments.id}'\`);
};
`,
      errors: [
        { line: 4, column: 26, endLine: 4, endColumn: 85 },
      ],
      output: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DB_URL!);
export const handler = async (event: AppSyncResolverEvent<{ id: string }>) => {
  return sequelize.query(\`SELECT * FROM products WHERE id = ?\`, { replacements: [event.arguments.id] });
};
`,
    },
    {
      name: "mssql: an EventBridge detail in request().query() with a string",
      file: 'eventbridge-mssql.ts',
      code: `import sql from 'mssql';
export const handler = async (event) => {
  const pool = await sql.connect(process.env.DB_URL!);
  return pool.request().query(\`UPDATE jobs SET state = '\${event.detail.state}'\`);
};
`,
      errors: [
        { line: 4, column: 31, endLine: 4, endColumn: 80 },
      ],
    },
    {
      name: "knex: raw() with a LIKE pattern",
      file: 'knex-raw.ts',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const handler = async (event) => {
  const q = event.queryStringParameters.q;
  return db.raw(\`SELECT * FROM products WHERE name ILIKE '%\${q}%'\`);
};
`,
      errors: [
        { line: 5, column: 17, endLine: 5, endColumn: 67 },
      ],
      output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const handler = async (event) => {
  const q = event.queryStringParameters.q;
  return db.raw(\`SELECT * FROM products WHERE name ILIKE ?\`, [\`%\${q}%\`]);
};
`,
    },
    {
      name: "knex: whereRaw() with interpolation",
      file: 'knex-whereRaw.ts',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const handler = async (event) => db('orders').whereRaw(\`total > \${event.queryStringParameters.min}\`);
`,
      errors: [
        { line: 3, column: 63, endLine: 3, endColumn: 107 },
      ],
      output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const handler = async (event) => db('orders').whereRaw(\`total > ?\`, [event.queryStringParameters.min]);
`,
    },
    {
      name: 'knex: orderByRaw() taking the request text whole',
      file: 'knex-order.ts',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const handler = async (event) => db('orders').select('*').orderByRaw(event.queryStringParameters.order);
`,
      errors: [{ line: 3, column: 77, endLine: 3, endColumn: 110, message: 'SQL text taken from request data' }],
    },
    {
      name: "TypeORM: DataSource.query()",
      file: 'typeorm-query.ts',
      code: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export const handler = async (event) => ds.query(\`SELECT * FROM orders WHERE id = '\${event.pathParameters.id}'\`);
`,
      errors: [
        { line: 3, column: 50, endLine: 3, endColumn: 112 },
      ],
    },
    {
      name: "TypeORM: createQueryBuilder().where() with interpolation, fixed with :name",
      file: 'typeorm-where.ts',
      code: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export const handler = async (event) => {
  const status = event.queryStringParameters.status;
  return ds.createQueryBuilder().select('o').from('orders', 'o').where(\`o.status = '\${status}'\`).getMany();
};
`,
      errors: [
        { line: 5, column: 72, endLine: 5, endColumn: 96 },
      ],
      output: `import { DataSource } from 'typeorm';
const ds = new DataSource({ type: 'postgres' });
export const handler = async (event) => {
  const status = event.queryStringParameters.status;
  return ds.createQueryBuilder().select('o').from('orders', 'o').where(\`o.status = :status\`, { status }).getMany();
};
`,
    },
    {
      name: "Prisma: $executeRawUnsafe and $queryRawUnsafe",
      file: 'prisma-unsafe.ts',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const handler = async (event) => {
  await prisma.$executeRawUnsafe(\`DELETE FROM sessions WHERE token = '\${event.headers.authorization}'\`);
  return prisma.$queryRawUnsafe('SELECT * FROM users WHERE name = ' + event.queryStringParameters.name);
};
`,
      errors: [
        { line: 4, column: 34, endLine: 4, endColumn: 103 },
        { line: 5, column: 33, endLine: 5, endColumn: 103 },
      ],
    },
    {
      name: "postgres sql.unsafe() and slonik sql.raw()",
      file: 'postgres-slonik.ts',
      code: `import postgres from 'postgres';
import { sql as slonikSql } from 'slonik';
const sql = postgres();
export const handler = async (event) => {
  await sql.unsafe(\`SELECT * FROM a WHERE b = '\${event.body}'\`);
  return slonikSql.raw('SELECT ' + event.queryStringParameters.col);
};
`,
      errors: [
        { line: 5, column: 20, endLine: 5, endColumn: 63 },
        { line: 6, column: 24, endLine: 6, endColumn: 67 },
      ],
    },
    {
      name: "RDS Data API: ExecuteStatementCommand sql, fixed with :name and parameters",
      file: 'rds-data.ts',
      code: `import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
const rds = new RDSDataClient({});
export const handler = async (event) => {
  const { id } = event.pathParameters;
  return rds.send(new ExecuteStatementCommand({
    resourceArn: process.env.DB_ARN,
    secretArn: process.env.SECRET_ARN,
    sql: \`SELECT * FROM orders WHERE id = '\${id}' AND region = '\${event.queryStringParameters.region}'\`,
  }));
};
`,
      errors: [
        { line: 8, column: 10, endLine: 8, endColumn: 104 },
      ],
      output: `import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
const rds = new RDSDataClient({});
export const handler = async (event) => {
  const { id } = event.pathParameters;
  return rds.send(new ExecuteStatementCommand({
    resourceArn: process.env.DB_ARN,
    secretArn: process.env.SECRET_ARN,
    sql: \`SELECT * FROM orders WHERE id = :id AND region = :region\`, parameters: [{ name: 'id', value: { stringValue: id } }, { name: 'region', value: { stringValue: event.queryStringParameters.region } }],
  }));
};
`,
    },
    {
      name: "Redshift Data API: Sql held in a variable, fixed with Parameters",
      file: 'redshift.ts',
      code: `import { RedshiftDataClient, ExecuteStatementCommand } from '@aws-sdk/client-redshift-data';
const rs = new RedshiftDataClient({});
export const handler = async (event) => {
  const sql = \`SELECT * FROM sales WHERE day = '\${event.queryStringParameters.day}'\`;
  return rs.send(new ExecuteStatementCommand({ WorkgroupName: 'analytics', Database: 'dev', Sql: sql }));
};
`,
      errors: [
        { line: 4, column: 15, endLine: 4, endColumn: 85 },
      ],
      output: `import { RedshiftDataClient, ExecuteStatementCommand } from '@aws-sdk/client-redshift-data';
const rs = new RedshiftDataClient({});
export const handler = async (event) => {
  const sql = \`SELECT * FROM sales WHERE day = :day\`;
  return rs.send(new ExecuteStatementCommand({ WorkgroupName: 'analytics', Database: 'dev', Sql: sql, Parameters: [{ name: 'day', value: event.queryStringParameters.day }] }));
};
`,
    },
    {
      name: "Athena: StartQueryExecutionCommand QueryString with the caller's source IP",
      file: 'athena.ts',
      code: `import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
const athena = new AthenaClient({});
export const handler = async (event) => athena.send(new StartQueryExecutionCommand({
  QueryString: \`SELECT * FROM logs WHERE ip = '\${event.requestContext.identity.sourceIp}'\`,
  WorkGroup: 'primary',
}));
`,
      errors: [
        { line: 4, column: 16, endLine: 4, endColumn: 91 },
      ],
    },
    {
      name: "DynamoDB PartiQL: ExecuteStatementCommand, fixed with ? and Parameters",
      file: 'partiql.ts',
      code: `import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
const ddb = new DynamoDBClient({});
export const handler = async (event) => {
  const id = event.pathParameters.id;
  return ddb.send(new ExecuteStatementCommand({ Statement: \`SELECT * FROM "orders" WHERE pk = '\${id}'\` }));
};
`,
      errors: [
        { line: 5, column: 60, endLine: 5, endColumn: 103 },
      ],
      output: `import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
const ddb = new DynamoDBClient({});
export const handler = async (event) => {
  const id = event.pathParameters.id;
  return ddb.send(new ExecuteStatementCommand({ Statement: \`SELECT * FROM "orders" WHERE pk = ?\`, Parameters: [{ S: id }] }));
};
`,
    },
    {
      name: "DynamoDB PartiQL: BatchExecuteStatementCommand statements built in a map()",
      file: 'partiql-batch.ts',
      code: `import { DynamoDBClient, BatchExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
const ddb = new DynamoDBClient({});
export const handler = async (event) => {
  const ids: string[] = JSON.parse(event.body).ids;
  return ddb.send(new BatchExecuteStatementCommand({
    Statements: ids.map((id) => ({ Statement: \`SELECT * FROM "orders" WHERE pk = '\${id}'\` })),
  }));
};
`,
      errors: [
        { line: 6, column: 47, endLine: 6, endColumn: 90 },
      ],
    },
    {
      name: "DynamoDB document client PartiQL: native values in Parameters",
      file: 'lib-dynamodb.ts',
      code: `import { DynamoDBDocumentClient, ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
declare const doc: DynamoDBDocumentClient;
export const handler = async (event) => doc.send(new ExecuteStatementCommand({
  Statement: \`UPDATE "orders" SET note = '\${event.body}' WHERE pk = '\${event.pathParameters.id}'\`,
}));
`,
      errors: [
        { line: 4, column: 14, endLine: 4, endColumn: 98 },
      ],
      output: `import { DynamoDBDocumentClient, ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
declare const doc: DynamoDBDocumentClient;
export const handler = async (event) => doc.send(new ExecuteStatementCommand({
  Statement: \`UPDATE "orders" SET note = ? WHERE pk = ?\`, Parameters: [event.body, event.pathParameters.id],
}));
`,
    },
    {
      name: "mysql: function URL cookies, a callback stays last after the values",
      file: 'function-url-cookies.mjs',
      code: `import mysql from 'mysql';
const conn = mysql.createConnection(process.env.DB_URL);
export async function handler(event) {
  const session = event.cookies[0].split('=')[1];
  conn.query("SELECT * FROM sessions WHERE id = '" + session + "'", (err, rows) => {});
}
`,
      errors: [
        { line: 5, column: 14, endLine: 5, endColumn: 67 },
      ],
      output: `import mysql from 'mysql';
const conn = mysql.createConnection(process.env.DB_URL);
export async function handler(event) {
  const session = event.cookies[0].split('=')[1];
  conn.query("SELECT * FROM sessions WHERE id = ?", [session], (err, rows) => {});
}
`,
    },
    {
      name: "pg: the whole SQL text taken from the body",
      file: 'raw-sql-body.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => pool.query(event.body);
`,
      errors: [
        { line: 3, column: 52, endLine: 3, endColumn: 62, message: 'SQL text taken from request data (event.body, from event)' },
      ],
    },
    {
      name: "an allow-list check after the query does not protect it; ORDER BY gets no fix",
      file: 'guard-too-late.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const SORTABLE = ['created_at', 'total'];
export const handler = async (event) => {
  const { sort } = event.queryStringParameters;
  const rows = await pool.query(\`SELECT * FROM orders ORDER BY \${sort}\`);
  if (!SORTABLE.includes(sort)) throw new Error('bad sort');
  return rows;
};
`,
      errors: [
        { line: 6, column: 33, endLine: 6, endColumn: 72 },
      ],
    },
    {
      name: "AWS SDK v2: RDSDataService.executeStatement",
      file: 'v2-sdk.js',
      code: `const AWS = require('aws-sdk');
const rds = new AWS.RDSDataService();
exports.handler = async (event) => rds.executeStatement({ resourceArn: 'arn', secretArn: 'arn', sql: 'SELECT * FROM t WHERE a = ' + event.pathParameters.a }).promise();
`,
      errors: [
        { line: 3, column: 102, endLine: 3, endColumn: 155 },
      ],
    },
    {
      name: "pg in TSX: an ALB multiValueHeaders value",
      file: 'alb-multivalue-headers.tsx',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event: ALBEvent) => {
  const lang = event.multiValueHeaders['accept-language'][0];
  const view = <div>{lang}</div>;
  await pool.query(\`SELECT * FROM texts WHERE lang = '\${lang}'\`);
  return view;
};
`,
      errors: [
        { line: 6, column: 20, endLine: 6, endColumn: 64 },
      ],
      output: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event: ALBEvent) => {
  const lang = event.multiValueHeaders['accept-language'][0];
  const view = <div>{lang}</div>;
  await pool.query(\`SELECT * FROM texts WHERE lang = $1\`, [lang]);
  return view;
};
`,
    },
  ],
});

describe('sql-injection: across relative imports (read from the workspace index)', () => {
  const findings = (docs: { file: string; text: string }[]) =>
    analyze(docs, resolveConfig({ rules: { 'sql-injection': 'error' } }), { rules: [rule] }).findings.filter((f) => f.ruleId === 'sql-injection');

  const DB = `import { Pool } from 'pg';
const pool = new Pool();
export async function findOrder(id: string) {
  return pool.query(\`SELECT * FROM orders WHERE id = '\${id}'\`);
}
export async function findOrderSafely(id: string) {
  return pool.query('SELECT * FROM orders WHERE id = $1', [id]);
}
`;

  it('reports on the call that hands request data to an imported function that builds SQL from it', () => {
    const handler = `import { findOrder } from './lib/db.js';
export const handler = async (event) => findOrder(event.pathParameters.id);
`;
    const found = findings([
      { file: 'src/handler.ts', text: handler },
      { file: 'src/lib/db.ts', text: DB },
    ]);
    assert.deepEqual(
      found.map((f) => [f.file, f.range.start.line + 1, f.range.start.character + 1, f.range.end.character + 1]),
      [['src/handler.ts', 2, 51, 74]],
    );
    assert.match(found[0].message, /passed to findOrder\(\), which builds SQL text from it for pool\.query\(\) in db\.ts/);
    assert.deepEqual(
      found[0].related.map((r) => [r.file, r.range.start.line + 1, r.message]),
      [
        ['src/handler.ts', 2, 'request data enters here (event.pathParameters.id)'],
        ['src/handler.ts', 2, 'it is passed to findOrder()'],
        ['src/lib/db.ts', 4, 'the SQL text reaches pool.query() in db.ts'],
      ],
    );
  });

  it('says nothing when the imported function binds the value, or is not in the index', () => {
    const handler = `import { findOrderSafely } from './lib/db';
import * as other from './lib/missing';
export const handler = async (event) => { await other.findOrder(event.body); return findOrderSafely(event.pathParameters.id); };
`;
    assert.deepEqual(findings([{ file: 'src/handler.ts', text: handler }, { file: 'src/lib/db.ts', text: DB }]), []);
  });

  it('follows request data returned by an imported helper (namespace import, index file)', () => {
    const parse = `export const searchTerm = (evt) => evt.queryStringParameters.q.trim();
`;
    const handler = `import * as input from './parse';
import mysql from 'mysql2/promise';
export const handler = async (event) => {
  const db = await mysql.createConnection(process.env.DB_URL!);
  const term = input.searchTerm(event);
  return db.query("SELECT * FROM products WHERE name = '" + term + "'");
};
`;
    const found = findings([
      { file: 'file:///work/app/handler.ts', text: handler },
      { file: 'file:///work/app/parse/index.ts', text: parse },
    ]);
    assert.deepEqual(found.map((f) => [f.file, f.range.start.line + 1, f.range.start.character + 1]), [['file:///work/app/handler.ts', 6, 19]]);
    assert.match(found[0].message, /evt\.queryStringParameters\.q → term → db\.query\(\)/);
  });
});

// Drivers loaded inside a function body bind there only, as their names do.
run(rule, {
  valid: [
    {
      name: 'a driver required in one function does not make another function\'s query() a sink',
      file: 'reports.js',
      code: `const insights = require('./log-insights');
async function migrate() {
  const { Client } = require('pg');
  const client = new Client();
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS reports (id serial PRIMARY KEY, body text)');
}
exports.migrate = migrate;
exports.handler = async (event) => {
  const user = event.requestContext.authorizer.claims.sub;
  return insights.query('fields @message | filter user = "' + user + '"');
};
`,
    },
    {
      name: 'a driver imported with import() but bound parameters',
      file: 'lazy-ok.mjs',
      code: `export const handler = async (event) => {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool();
  return pool.query('SELECT * FROM carts WHERE session = $1', [event.headers['x-session']]);
};
`,
    },
  ],
  invalid: [
    {
      name: 'mysql2: required inside the handler',
      file: 'invoice.js',
      code: `exports.handler = async (event) => {
  const mysql = require('mysql2/promise');
  const db = await mysql.createConnection(process.env.DB_URL);
  const [rows] = await db.query("SELECT * FROM invoices WHERE number = '" + event.pathParameters.number + "'");
  return { statusCode: 200, body: JSON.stringify(rows) };
};
`,
      errors: [{ line: 4, column: 33, endLine: 4, endColumn: 110, message: 'reaches db.query()' }],
      output: `exports.handler = async (event) => {
  const mysql = require('mysql2/promise');
  const db = await mysql.createConnection(process.env.DB_URL);
  const [rows] = await db.query("SELECT * FROM invoices WHERE number = ?", [event.pathParameters.number]);
  return { statusCode: 200, body: JSON.stringify(rows) };
};
`,
    },
    {
      name: 'pg: required inside a same-file helper the handler calls',
      file: 'customers.js',
      code: `async function findCustomer(email) {
  const { Client } = require('pg');
  const client = new Client();
  await client.connect();
  return client.query(\`SELECT id FROM customers WHERE email = '\${email}'\`);
}
exports.handler = async (event) => findCustomer(JSON.parse(event.body).email);
`,
      errors: [{ line: 5, column: 23, endLine: 5, endColumn: 74, message: 'JSON.parse(event.body).email → client.query()' }],
    },
    {
      name: 'pg: await import() inside the handler, and a callback nested in it',
      file: 'carts.mjs',
      code: `export const handler = async (event) => {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool();
  const ids = JSON.parse(event.body).carts;
  await Promise.all(ids.map((id) => pool.query(\`DELETE FROM carts WHERE id = '\${id}'\`)));
  return pool.query(\`SELECT * FROM carts WHERE session = '\${event.headers['x-session']}'\`);
};
`,
      errors: [
        { line: 5, column: 48, endLine: 5, endColumn: 86 },
        { line: 6, column: 21, endLine: 6, endColumn: 90 },
      ],
    },
    {
      name: 'RDS Data API: the command class required inside the handler',
      file: 'rds-lazy.js',
      code: `exports.handler = async (event) => {
  const { RDSDataClient, ExecuteStatementCommand } = require('@aws-sdk/client-rds-data');
  const rds = new RDSDataClient({});
  return rds.send(new ExecuteStatementCommand({ resourceArn: process.env.DB_ARN, secretArn: process.env.SECRET_ARN, sql: 'SELECT * FROM t WHERE a = ' + event.queryStringParameters.a }));
};
`,
      errors: [{ line: 4, column: 122, endLine: 4, endColumn: 182, message: 'reaches ExecuteStatementCommand()' }],
    },
  ],
});

// Only functions that something marks as a handler take request data as their first parameter.
const CUSTOMER_REPO = `import { Pool } from 'pg';
const pool = new Pool();
export async function byCustomer(customerId) {
  return pool.query(\`SELECT * FROM orders WHERE customer_id = '\${customerId}'\`);
}
`;

run(rule, {
  valid: [
    {
      name: 'an exported helper with an untyped parameter is not a handler',
      file: 'src/lib/orders-repo.ts',
      code: CUSTOMER_REPO,
    },
    {
      name: 'a helper reached from a handler reports nothing in its own file (the handler\'s file has the finding)',
      file: 'src/lib/orders-repo.ts',
      code: CUSTOMER_REPO,
      files: {
        'src/handlers/list-orders.ts': `import { byCustomer } from '../lib/orders-repo';
export const handler = async (event) => byCustomer(event.queryStringParameters.customer);
`,
      },
    },
    {
      name: 'a Context parameter from aws-lambda does not make a helper a handler',
      file: 'audit.ts',
      code: `import type { Context } from 'aws-lambda';
import { Pool } from 'pg';
const pool = new Pool();
export async function audit(ctx: Context, action) {
  return pool.query(\`INSERT INTO audit (fn, action) VALUES ('\${ctx.functionName}', '\${action}')\`);
}
`,
    },
  ],
  invalid: [
    {
      name: 'the handler of a helper reached through an import reports once, on its call',
      file: 'src/handlers/list-orders.ts',
      code: `import { byCustomer } from '../lib/orders-repo';
export const handler = async (event) => byCustomer(event.queryStringParameters.customer);
`,
      files: { 'src/lib/orders-repo.ts': CUSTOMER_REPO },
      errors: [{ line: 2, column: 52, endLine: 2, endColumn: 88, message: 'passed to byCustomer()' }],
    },
    {
      name: 'an export a SAM template names as a function\'s handler; its unnamed sibling is a helper',
      file: 'src/orders.js',
      code: `const { Pool } = require('pg');
const pool = new Pool();
exports.getOrder = async (event) => pool.query("SELECT * FROM orders WHERE id = '" + event.pathParameters.id + "'");
exports.ordersOf = async (customer) => pool.query("SELECT * FROM orders WHERE customer = '" + customer + "'");
`,
      files: {
        'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  GetOrderFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: orders.getOrder
      Runtime: nodejs20.x
`,
      },
      errors: [{ line: 3, column: 48, endLine: 3, endColumn: 115, message: 'event.pathParameters.id' }],
    },
    {
      name: 'handlers marked by an aws-lambda event type, a handler type, or a conventional name',
      file: 'invoices.ts',
      code: `import type { APIGatewayProxyHandlerV2, SQSEvent } from 'aws-lambda';
import { Pool } from 'pg';
const pool = new Pool();
export const getInvoice: APIGatewayProxyHandlerV2 = async (event) => {
  const res = await pool.query(\`SELECT * FROM invoices WHERE id = '\${event.pathParameters?.id}'\`);
  return { statusCode: 200, body: JSON.stringify(res.rows) };
};
export async function settleInvoices(batch: SQSEvent) {
  for (const record of batch.Records) await pool.query("UPDATE invoices SET paid = true WHERE id = '" + record.body + "'");
}
export const lambdaHandler = async (evt) => pool.query('DELETE FROM invoices WHERE id = ' + evt.detail.invoiceId);
`,
      errors: [
        { line: 5, column: 32, endLine: 5, endColumn: 97 },
        { line: 9, column: 56, endLine: 9, endColumn: 122, message: 'from batch' },
        { line: 11, column: 56, endLine: 11, endColumn: 113, message: 'from evt' },
      ],
    },
  ],
});

// Validation guards: after a check that proves a value harmless, on every path to the query.
run(rule, {
  valid: [
    {
      name: 'guard: an anchored digits regex with an early return',
      file: 'guard-digits.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const id = event.pathParameters.id;
  if (!/^\\d+$/.test(id)) return { statusCode: 400, body: 'id must be a number' };
  const { rows } = await pool.query(\`SELECT * FROM orders WHERE id = \${id}\`);
  return { statusCode: 200, body: JSON.stringify(rows) };
};
`,
    },
    {
      name: 'guard: a UUID regex held in a constant, with a throw in braces',
      file: 'guard-uuid.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
class BadRequest extends Error {}
export const handler = async (event) => {
  const { orderId } = JSON.parse(event.body ?? '{}');
  if (!orderId || !ORDER_ID.test(orderId)) {
    throw new BadRequest('orderId');
  }
  return pool.query(\`UPDATE orders SET status = 'cancelled' WHERE id = '\${orderId}'\`);
};
`,
    },
    {
      name: 'guard: the query inside the branch of a passing test, on a property path',
      file: 'guard-branch.ts',
      code: `import mysql from 'mysql2/promise';
export const handler = async (event) => {
  const db = await mysql.createConnection(process.env.DB_URL!);
  if (/^[a-z]+$/i.test(event.pathParameters.slug)) {
    const [rows] = await db.query("SELECT * FROM pages WHERE slug = '" + event.pathParameters.slug + "'");
    return { statusCode: 200, body: JSON.stringify(rows) };
  }
  return { statusCode: 404 };
};
`,
    },
    {
      name: 'guard: assert.match and assert() from node:assert',
      file: 'guard-assert.ts',
      code: `import assert from 'node:assert/strict';
import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const { sku, page } = event.queryStringParameters;
  assert.match(sku, /^[A-Z0-9_]{3,20}$/);
  assert(/^\\d{1,4}$/.test(page), 'page');
  return pool.query(\`SELECT * FROM stock WHERE sku = '\${sku}' OFFSET \${page}\`);
};
`,
    },
    {
      name: 'guard: numbers, converted and checked for NaN or used directly',
      file: 'guard-number.js',
      code: `const { Pool } = require('pg');
const pool = new Pool();
exports.handler = async (event) => {
  const id = Number(event.pathParameters.id);
  if (Number.isNaN(id)) return { statusCode: 400 };
  const limit = event.queryStringParameters.limit;
  if (isNaN(limit)) return { statusCode: 400 };
  const page = parseInt(event.queryStringParameters.page, 10);
  return pool.query(\`SELECT * FROM lines WHERE order_id = \${id} LIMIT \${limit} OFFSET \${page * 20}\`);
};
`,
    },
    {
      name: 'guard: a sort column and a direction checked against constant lists in one condition',
      file: 'guard-allow.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const SORT_COLUMNS = ['created_at', 'total', 'status'] as const;
const DIRECTIONS = new Set(['ASC', 'DESC']);
export const handler = async (event) => {
  const sort = event.queryStringParameters?.sort ?? 'created_at';
  const dir = (event.queryStringParameters?.dir ?? 'DESC').toUpperCase();
  if (!SORT_COLUMNS.includes(sort) || !DIRECTIONS.has(dir)) {
    return { statusCode: 400, body: 'bad sort' };
  }
  return pool.query(\`SELECT * FROM orders ORDER BY \${sort} \${dir}\`);
};
`,
    },
    {
      name: 'guard: SQS records skipped with continue, and a guard inside a helper the handler calls',
      file: 'guard-loop.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function settingsOf(tenant) {
  if (!/^[a-z0-9_]{1,32}$/.test(tenant)) throw new Error('bad tenant');
  return pool.query(\`SELECT * FROM \${tenant}.settings\`);
}
export const handler = async (event) => {
  for (const record of event.Records) {
    const { invoiceId } = JSON.parse(record.body);
    if (typeof invoiceId !== 'string' || !/^INV\\d{6}$/.test(invoiceId)) continue;
    await pool.query(\`UPDATE invoices SET paid = true WHERE id = '\${invoiceId}'\`);
  }
  return settingsOf(event.Records[0].messageAttributes.tenant.stringValue);
};
`,
    },
    {
      name: 'guard: equality with literals and a switch over a property path',
      file: 'guard-eq.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const status = event.queryStringParameters.status;
  if (status !== 'open' && status !== 'closed') return { statusCode: 400 };
  switch (event.queryStringParameters.view) {
    case 'summary':
      return pool.query(\`SELECT count(*) FROM tickets WHERE status = '\${status}' -- \${event.queryStringParameters.view}\`);
    default:
      throw new Error('unknown view');
  }
};
`,
    },
    {
      name: 'guard: a pattern tested on the path with a default, and on String() of a body field',
      file: 'guard-default.ts',
      code: `import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Pool } from 'pg';
const pool = new Pool();
export async function getProduct(event: APIGatewayProxyEventV2) {
  if (!/^[A-Z]{3}\\d{4}$/.test(event.pathParameters?.code ?? '')) return { statusCode: 400 };
  const body = JSON.parse(event.body ?? '{}');
  if (!/^\\d+$/.test(String(body.qty))) return { statusCode: 400 };
  return pool.query(\`SELECT * FROM products WHERE code = '\${event.pathParameters?.code}' AND stock >= \${body.qty}\`);
}
`,
    },
    {
      name: 'guard: a property path checked, then destructured',
      file: 'guard-destructure.js',
      code: `const { Pool } = require('pg');
const pool = new Pool();
exports.handler = async (event) => {
  if (!/^\\d+$/.test(event.pathParameters?.orderId ?? '')) return { statusCode: 400 };
  const { orderId } = event.pathParameters;
  return pool.query(\`SELECT * FROM order_lines WHERE order_id = \${orderId}\`);
};
`,
    },
    {
      name: 'guard: a frozen allow-list and the strict assert required from node:assert',
      file: 'guard-frozen.js',
      code: `const { strict: assert } = require('node:assert');
const mysql = require('mysql2/promise');
const GROUP_BY = Object.freeze(['day', 'week', 'month']);
exports.handler = async (event) => {
  const db = await mysql.createConnection(process.env.DB_URL);
  const { period } = event.queryStringParameters;
  assert.ok(GROUP_BY.includes(period), 'period');
  return db.query(\`SELECT date_trunc('\${period}', created_at) AS p, count(*) FROM orders GROUP BY p\`);
};
`,
    },
  ],
  invalid: [
    {
      name: 'a property path checked, then a sibling destructured with it',
      file: 'miss-sibling.js',
      code: `const { Pool } = require('pg');
const pool = new Pool();
exports.handler = async (event) => {
  if (!/^\\d+$/.test(event.pathParameters.orderId)) return { statusCode: 400 };
  const { orderId, note } = event.pathParameters;
  return pool.query(\`UPDATE orders SET note = '\${note}' WHERE id = \${orderId}\`);
};
`,
      errors: [{ line: 6, column: 21, endLine: 6, endColumn: 79, message: '(note, from event)' }],
    },
    {
      name: 'guard on another variable',
      file: 'miss-other.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const { id, name } = event.queryStringParameters;
  if (!/^\\d+$/.test(id)) return { statusCode: 400 };
  return pool.query(\`SELECT * FROM users WHERE id = \${id} AND name = '\${name}'\`);
};
`,
      errors: [{ line: 6, column: 21, endLine: 6, endColumn: 80, message: '(name, from event)' }],
    },
    {
      name: 'guard with an unanchored regex, one anchored at the start only, and one matching anything',
      file: 'miss-anchor.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const { a, b, c } = event.queryStringParameters;
  if (!/\\d+/.test(a) || !/^\\d+/.test(b) || !/^.+$/.test(c)) return { statusCode: 400 };
  await pool.query(\`SELECT * FROM t WHERE a = \${a}\`);
  await pool.query(\`SELECT * FROM t WHERE b = \${b}\`);
  return pool.query(\`SELECT * FROM t WHERE c = '\${c}'\`);
};
`,
      errors: [
        { line: 6, column: 20, endLine: 6, endColumn: 52, message: '(a, from event)' },
        { line: 7, column: 20, endLine: 7, endColumn: 52, message: '(b, from event)' },
        { line: 8, column: 21, endLine: 8, endColumn: 55, message: '(c, from event)' },
      ],
    },
    {
      name: 'guard with a regex that allows quotes and spaces',
      file: 'miss-quote.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const name = event.queryStringParameters.name;
  if (!/^[\\w' ]+$/.test(name)) return { statusCode: 400 };
  return pool.query(\`SELECT * FROM customers WHERE name = '\${name}'\`);
};
`,
      errors: [{ line: 6, column: 21, endLine: 6, endColumn: 69, message: '(name, from event)' }],
    },
    {
      name: 'guard with a class that lets two dashes meet (a comment), and a multiline regex',
      file: 'miss-dash.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const { code, ref } = event.pathParameters;
  if (!/^[\\w-]+$/.test(code)) return { statusCode: 400 };
  if (!/^\\d+$/m.test(ref)) return { statusCode: 400 };
  await pool.query(\`SELECT * FROM coupons WHERE code = \${code} AND owner = 7\`);
  return pool.query(\`SELECT * FROM refs WHERE id = \${ref}\`);
};
`,
      errors: [
        { line: 7, column: 20, endLine: 7, endColumn: 78, message: '(code, from event)' },
        { line: 8, column: 21, endLine: 8, endColumn: 59, message: '(ref, from event)' },
      ],
    },
    {
      name: 'guard after the query',
      file: 'miss-late.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const id = event.pathParameters.id;
  const rows = await pool.query(\`SELECT * FROM orders WHERE id = \${id}\`);
  if (!/^\\d+$/.test(id)) return { statusCode: 400 };
  return rows;
};
`,
      errors: [{ line: 5, column: 33, endLine: 5, endColumn: 72 }],
    },
    {
      name: 'guard in a branch that does not dominate the query, and a query in the failing branch',
      file: 'miss-branch.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => {
  const id = event.pathParameters.id;
  if (event.headers['x-strict'] === 'yes') {
    if (!/^\\d+$/.test(id)) return { statusCode: 400 };
  }
  if (/^\\d+$/.test(event.pathParameters.alt)) {
    await pool.query('SELECT 1');
  } else {
    await pool.query(\`DELETE FROM drafts WHERE id = '\${event.pathParameters.alt}'\`);
  }
  return pool.query(\`SELECT * FROM orders WHERE id = \${id}\`);
};
`,
      errors: [
        { line: 11, column: 22, endLine: 11, endColumn: 83, message: '(event.pathParameters.alt, from event)' },
        { line: 13, column: 21, endLine: 13, endColumn: 60, message: '(id, from event)' },
      ],
    },
    {
      name: 'a number check through parseInt proves nothing about the text itself',
      file: 'miss-parseint.js',
      code: `const { Pool } = require('pg');
const pool = new Pool();
exports.handler = async (event) => {
  const id = event.pathParameters.id;
  if (isNaN(parseInt(id, 10))) return { statusCode: 400 };
  return pool.query('SELECT * FROM orders WHERE id = ' + id);
};
`,
      errors: [{ line: 6, column: 21, endLine: 6, endColumn: 60 }],
    },
    {
      name: 'an allow-list read from the request, a value reassigned after its guard, and an assert that is not node:assert',
      file: 'miss-list.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
function assert(ok: boolean) {
  if (!ok) console.warn('unexpected input');
}
export const handler = async (event) => {
  const allowed = event.queryStringParameters.fields.split(',');
  const col = event.queryStringParameters.col;
  if (!allowed.includes(col)) throw new Error('bad column');
  await pool.query(\`SELECT \${col} FROM orders\`);
  let id = event.pathParameters.id;
  if (!/^\\d+$/.test(id)) throw new Error('bad id');
  id = event.pathParameters.other;
  await pool.query(\`SELECT * FROM orders WHERE id = \${id}\`);
  const region = event.queryStringParameters.region;
  assert(/^[a-z]{2}$/.test(region));
  return pool.query(\`SELECT * FROM orders WHERE region = '\${region}'\`);
};
`,
      errors: [
        { line: 10, column: 20, endLine: 10, endColumn: 47, message: '(col, from event)' },
        { line: 14, column: 20, endLine: 14, endColumn: 59, message: '(id, from event)' },
        { line: 17, column: 21, endLine: 17, endColumn: 70, message: '(region, from event)' },
      ],
    },
    {
      name: 'a function declared after a guard can run before it; a parameter hides the constant list of the same name',
      file: 'miss-hoist.ts',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const COLUMNS = ['name', 'email'];
export const handler = async (event) => {
  const id = event.pathParameters.id;
  const early = await load();
  if (!/^\\d+$/.test(id)) return { statusCode: 400 };
  return [early, await pick(event.queryStringParameters.fields.split(','), event.queryStringParameters.col)];
  async function load() {
    return pool.query(\`SELECT * FROM orders WHERE id = \${id}\`);
  }
};
async function pick(COLUMNS, col) {
  if (!COLUMNS.includes(col)) throw new Error('bad column');
  return pool.query(\`SELECT \${col} FROM customers\`);
}
`,
      errors: [
        { line: 10, column: 23, endLine: 10, endColumn: 62, message: '(id, from event)' },
        { line: 15, column: 21, endLine: 15, endColumn: 51, message: '(col, from event)' },
      ],
    },
  ],
});

describe('sql-injection: which regular expressions prove a value harmless', () => {
  const table: [string, boolean][] = [
    [String.raw`/^\d+$/`, true],
    [String.raw`/^[a-z]+$/i`, true],
    [String.raw`/^[A-Z_]{1,64}$/`, true],
    [String.raw`/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i`, true],
    [String.raw`/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i`, true],
    [String.raw`/^\d{4}-\d{2}-\d{2}$/`, true],
    [String.raw`/^\d+(,\d+)*$/`, true],
    [String.raw`/^\d+\.\d+$/`, true],
    [String.raw`/^(asc|desc)$/i`, true],
    [String.raw`/^\d+$|^all$/`, true],
    [String.raw`/^(?<id>\d+)$/`, true],
    [String.raw`/^\w+(-\w+)*$/`, true],
    [String.raw`/^[\x41-\x5a]+$/`, true],
    [String.raw`/^[a-z]+$/gi`, true],
    [String.raw`/\d+/`, false], // unanchored
    [String.raw`/^\d+/`, false],
    [String.raw`/\d+$/`, false],
    [String.raw`/^\d+|x$/`, false], // the alternation undoes the anchors
    [String.raw`/^\d+$/m`, false], // ^ and $ at every line
    [String.raw`/^.+$/`, false],
    [String.raw`/^\S+$/`, false],
    [String.raw`/^\s*\d+$/`, false],
    [String.raw`/^[^;]+$/`, false],
    [String.raw`/^[\w' ]+$/`, false],
    [String.raw`/^[a-z\']+$/`, false],
    [String.raw`/^\u0027$/`, false],
    [String.raw`/^[\x20-\x7e]+$/`, false],
    [String.raw`/^[+-z]$/`, false],
    [String.raw`/^[a-z0-9-]+$/`, false], // a class holding a dash
    [String.raw`/^\w+-+\w+$/`, false], // `--` starts a comment
    [String.raw`/^\w+--\w+$/`, false],
    [String.raw`/^\w+-?-\w+$/`, false],
    [String.raw`/^(-\d-)+$/`, false],
    [String.raw`/^(\d|-)+$/`, false],
    [String.raw`/^\x2d\x2d$/`, false],
    [String.raw`/^\p{L}+$/u`, false],
    [String.raw`/^é+$/`, false],
    [String.raw`/^(a$|b)$/`, false],
    [String.raw`/^\d+$/v`, false],
    [String.raw`/^a{$/`, false],
  ];
  for (const [re, safe] of table) {
    it(`${re} ${safe ? 'proves' : 'does not prove'} it`, () => assert.equal(safeAnchoredRegex(re), safe));
  }
});

describe('sql-injection: a regular expression taken as proof accepts only harmless text', () => {
  // Pieces of patterns, harmless and not, put together at random and anchored.
  const PIECES = ['^', '$', '\\d', '\\w', '[a-z]', '[0-9]', '[a-z-]', '[\\w-]', '-', 'a', '1', '.', '(', ')', '|', '+', '*', '?', '{2}', '{1,3}',
    '[^a]', '\\s', '\\-', "'", ' ', '(?:', '\\x2d', '[+-z]', '\\b', '(?=a)', '(?!-)', ',', '_'];
  // Every string of up to three of these characters: enough to meet a quote, a space, a semicolon, a comment or `--`.
  const ALPHABET = ['a', 'A', '1', '-', "'", '"', ' ', ';', '\n', '_', '.', ',', '/', '*', '#', '\\'];
  const samples: string[] = [''];
  for (let i = 0; i < samples.length && samples[i].length < 3; i++) for (const c of ALPHABET) samples.push(samples[i] + c);
  const harmless = (s: string): boolean => /^[A-Za-z0-9_.,+-]*$/.test(s) && !s.includes('--');

  it('holds for random anchored patterns, with and without flags', () => {
    let proofs = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }), fc.constantFrom('', 'i', 'm', 'g'), (pieces, flags) => {
        const source = `^${pieces.join('')}$`;
        let re: RegExp;
        try {
          re = new RegExp(source, flags);
        } catch {
          return; // not a valid pattern: nothing to judge
        }
        if (!safeAnchoredRegex(`/${source}/${flags}`)) return;
        proofs++;
        for (const s of samples) {
          re.lastIndex = 0;
          if (re.test(s)) assert.ok(harmless(s), `/${source}/${flags} accepts ${JSON.stringify(s)}`);
        }
      }),
      { numRuns: 600 },
    );
    assert.ok(proofs > 0, 'no random pattern was taken as proof');
  });
});
