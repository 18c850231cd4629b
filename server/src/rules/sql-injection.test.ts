import { rule } from './sql-injection';
import { run } from '../../../test/kit/rule-tester';

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
  ],
  invalid: [
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
  ],
});
