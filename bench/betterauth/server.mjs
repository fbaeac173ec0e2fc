// Better Auth with its default options (email + password turned on, nothing else) on PostgreSQL, served
// by Node's own HTTP server: the comparison point of bench/run.sh. `node server.mjs migrate` creates
// Better Auth's tables with its own migrator (what `auth migrate` runs), then exits.
import http from "node:http";
import pg from "pg";
import { betterAuth } from "better-auth";
import { toNodeHandler } from "better-auth/node";
import { getMigrations } from "better-auth/db/migration";

const port = Number(process.env.PORT ?? 3000);
const baseURL = `http://127.0.0.1:${port}`;
const options = {
  baseURL,
  secret: process.env.BETTER_AUTH_SECRET,
  // pg's Pool with its default size (10), like Portcullis's default database.poolSize.
  database: new pg.Pool({ connectionString: process.env.DATABASE_URL }),
  emailAndPassword: { enabled: true },
};

if (process.argv[2] === "migrate") {
  const { runMigrations } = await getMigrations(options);
  await runMigrations();
  await options.database.end();
  console.log("better-auth tables created");
} else {
  const auth = betterAuth(options);
  http.createServer(toNodeHandler(auth)).listen(port, "127.0.0.1", () => {
    console.log(`better-auth listening on ${baseURL}`);
  });
}
