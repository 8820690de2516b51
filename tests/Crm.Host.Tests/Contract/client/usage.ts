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

/** Searches with a filter tree, transfers the hits in bulk and answers the ids that could not be moved, with why. */
export async function transferVipCustomers(accessToken: string, toUserId: string): Promise<string[]> {
  const headers = { Authorization: `Bearer ${accessToken}` };
  const found = await crm.POST("/api/customers/search", {
    headers,
    body: {
      filter: {
        and: [
          { field: "level", op: "eq", value: "A" },
          { or: [{ field: "tags", op: "contains", value: "vip" }, { field: "region", op: "in", value: ["Shanghai", "Beijing"] }] },
        ],
      },
      sort: "-updatedAt",
      limit: 50,
    },
  });
  if (found.error) throw new Error(`search refused: ${found.error.code ?? found.response.status}`);
  const ids: string[] = found.data.items.map((customer) => customer.id);

  const moved = await crm.POST("/api/customers/transfer", { headers, body: { ids, toUserId } });
  if (moved.error) throw new Error(`transfer refused: ${moved.error.code ?? moved.response.status}`);
  const failed: number = moved.data.failed;
  const refusals: string[] = moved.data.items
    .filter((item) => !item.succeeded)
    .map((item) => `${item.id}: ${item.status} ${item.code ?? ""} ${item.field ?? ""}`);
  return failed > 0 ? refusals : [];
}

/** A saved scene's first page (leads, customers or contacts: each item has an id) and a customer's follow-ups. */
export async function sceneAndFollowUps(accessToken: string, sceneId: string, customerId: string): Promise<string[]> {
  const headers = { Authorization: `Bearer ${accessToken}` };
  const results = await crm.POST("/api/scenes/{id}/results", { headers, params: { path: { id: sceneId } }, body: { limit: 20, includeTotal: true } });
  if (results.error) throw new Error(`scene refused: ${results.error.code ?? results.response.status}`);
  const lines: string[] = [];
  for (const item of results.data.items) lines.push(item.id);

  const followUps = await crm.GET("/api/customers/{id}/follow-ups", { headers, params: { path: { id: customerId }, query: { limit: 10 } } });
  if (followUps.error) throw new Error(`follow-ups refused: ${followUps.error.code ?? followUps.response.status}`);
  for (const followUp of followUps.data.items) {
    const next: string | null = followUp.nextContactAt;
    lines.push(`${followUp.kind} ${followUp.createdAt}: ${followUp.content}${next ? ` (next ${next})` : ""}`);
  }
  return lines;
}

/** Imports a CSV file in a multipart upload and answers the refused rows' numbers. */
export async function importCustomers(accessToken: string, csv: string): Promise<number[]> {
  const imported = await crm.POST("/api/customers/import", {
    headers: { Authorization: `Bearer ${accessToken}` },
    params: { query: { createAnyway: false } },
    body: { file: csv },
    // The operation takes text/csv or a multipart form with a binary file part; the browser's FormData carries the file.
    bodySerializer(body) {
      const form = new FormData();
      form.append("file", new Blob([typeof body === "string" ? body : body.file], { type: "text/csv" }), "customers.csv");
      return form;
    },
  });
  if (imported.error) throw new Error(`import refused: ${imported.error.code ?? imported.response.status}`);
  const refused: number[] = imported.data.failures.map((failure) => failure.row);
  return refused;
}

/** Creates a task about a customer, ticks a subtask, comments, moves it to today and answers the workbench's counts. */
export async function taskOnTheWorkbench(accessToken: string, customerId: string): Promise<string[]> {
  const headers = { Authorization: `Bearer ${accessToken}` };
  const created = await crm.POST("/api/tasks", {
    headers,
    body: { name: "Call Acme", dueAt: "2026-03-02T18:00:00+08:00", priority: "high", related: [{ kind: "customer", id: customerId }] },
  });
  if (created.error) throw new Error(`task refused: ${created.error.code ?? created.response.status} ${Object.keys(created.error.errors ?? {}).join(",")}`);
  const id: string = created.data.id;
  const links: string[] = created.data.related.map((link) => (link.hidden ? `${link.kind}:hidden` : `${link.kind}:${link.id ?? ""}`));

  const withSubtask = await crm.POST("/api/tasks/{id}/subtasks", { headers, params: { path: { id } }, body: { title: "Draft the offer" } });
  if (withSubtask.error) throw new Error(`subtask refused: ${withSubtask.error.code ?? withSubtask.response.status}`);
  const subtaskId: string = withSubtask.data.subtasks[0].id;
  await crm.POST("/api/tasks/{id}/subtasks/{subtaskId}/complete", { headers, params: { path: { id, subtaskId } } });
  const comment = await crm.POST("/api/tasks/{id}/comments", { headers, params: { path: { id } }, body: { text: "Called, no answer" } });
  if (comment.error) throw new Error(`comment refused: ${comment.error.code ?? comment.response.status}`);
  const deleted: boolean = comment.data.deleted;

  const moved = await crm.POST("/api/tasks/{id}/move", { headers, params: { path: { id } }, body: { bucket: "today" } });
  if (moved.error) throw new Error(`move refused: ${moved.error.code ?? moved.response.status}`);
  const bucket: string | null | undefined = moved.data.bucket;

  const workbench = await crm.GET("/api/workbench", { headers, params: { query: { limit: 5 } } });
  if (workbench.error) throw new Error(`workbench refused: ${workbench.response.status}`);
  const counts: string[] = workbench.data.buckets.map((b) => `${b.bucket}=${b.count} (${b.items.length}${b.nextCursor ? "+" : ""})`);
  return [id, bucket ?? "", String(deleted), ...links, ...counts];
}

/** Attaches a file to a customer, lists the customer's files, downloads the first as a Blob and deletes it. */
export async function attachListDownloadDelete(accessToken: string, customerId: string, file: Blob): Promise<string[]> {
  const headers = { Authorization: `Bearer ${accessToken}`, "Idempotency-Key": `attach-${customerId}` };
  const attached = await crm.POST("/api/customers/{id}/attachments", {
    headers,
    params: { path: { id: customerId } },
    body: { file: "" },
    // The multipart form's binary part: the browser's FormData carries the file itself.
    bodySerializer() {
      const form = new FormData();
      form.append("file", file, "合同扫描件.pdf");
      return form;
    },
  });
  if (attached.error) throw new Error(`upload refused: ${attached.error.code ?? attached.response.status}`);
  const sniffed: string = attached.data.contentType;

  const listed = await crm.GET("/api/customers/{id}/attachments", { headers, params: { path: { id: customerId } } });
  if (listed.error) throw new Error(`list refused: ${listed.error.code ?? listed.response.status}`);
  const names: string[] = listed.data.items.map((attachment) => `${attachment.fileName} (${attachment.size} bytes)`);

  const download = await crm.GET("/api/attachments/{id}/content", { headers, params: { path: { id: attached.data.id } }, parseAs: "blob" });
  if (download.error) throw new Error(`download refused: ${download.error.code ?? download.response.status}`);
  const bytes: Blob = download.data;
  const etag: string | null = download.response.headers.get("ETag");

  const deleted = await crm.DELETE("/api/attachments/{id}", { headers, params: { path: { id: attached.data.id } } });
  if (deleted.error) throw new Error(`delete refused: ${deleted.error.code ?? deleted.response.status}`);
  return [sniffed, ...names, `${bytes.size}`, etag ?? ""];
}
