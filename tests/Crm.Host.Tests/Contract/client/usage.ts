// What a UI developer writes against the generated types (openapi-typescript + openapi-fetch), type-checked by the
// contract test typed_client. No `as` casts and no hand-written types: if the document is wrong, this stops compiling.
import createClient from "openapi-fetch";
import type { paths } from "./crm-api";

const crm = createClient<paths>({ baseUrl: "http://127.0.0.1:5080" });

/** Signs in, creates a customer (reading the problem when refused) and answers the names on the first page. */
export async function signInCreateAndList(mobile: string, password: string): Promise<string[]> {
  const signIn = await crm.POST("/api/auth/login", { body: { mobile, password } });
  if (signIn.error) {
    const why: string | null | undefined = signIn.error.code;
    throw new Error(`sign-in refused: ${why ?? signIn.response.status}`);
  }
  const accessToken: string = signIn.data.accessToken;
  const headers = { Authorization: `Bearer ${accessToken}` };

  const created = await crm.POST("/api/customers", { headers, body: { name: "Acme Trading" } });
  if (created.error) {
    const fields: string[] = Object.keys(created.error.errors ?? {});
    const code: string | null | undefined = created.error.code;
    const traceId: string | null | undefined = created.error.traceId;
    throw new Error(`${created.response.status} ${code ?? ""} ${fields.join(",")} (trace ${traceId ?? "?"})`);
  }
  const version: string | null = created.response.headers.get("ETag");
  const id: string = created.data.id;

  const page = await crm.GET("/api/customers", { headers, params: { query: { limit: 20 } } });
  if (page.error) throw new Error(`list refused: ${page.response.status}`);
  const next: string | null | undefined = page.data.nextCursor;
  return [id, version ?? "", next ?? "", ...page.data.items.map((customer) => customer.name)];
}
