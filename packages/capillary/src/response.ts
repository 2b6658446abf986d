// Reading Capillary's bodies. Failures mostly arrive inside a 200: a request-level `status`
// block and one `item_status` per customer, numbers often as strings, and (in an older
// sample) `customer` as one object instead of an array.
import { isObject, type ErrorDetail } from "@customer-clients/core";
import type { components } from "./generated/openapi.js";

export type CustomerResult = components["schemas"]["CustomerResult"];

/** A warning the vendor attached to one customer; the update still went ahead. */
export interface CapillaryWarning {
  code?: number;
  message: string;
}

/** How one customer of the request went. */
export interface CustomerOutcome {
  /** Position of the customer in the request. */
  index: number;
  /** JSON pointer of that customer in the request body, e.g. `/root/customer/1`. */
  path: string;
  success: boolean;
  /** `item_status.code`, e.g. 1012 (customer not found). */
  code: number | undefined;
  message: string;
  warnings: CapillaryWarning[];
  /** The customer's profile as the vendor returned it (numbers may be strings). */
  customer: CustomerResult;
}

/** The normalised success body: the request's status and one outcome per customer. */
export interface UpdateCustomersResult {
  /** Whether the request and every customer succeeded. */
  success: boolean;
  /** `response.status.code`: 200 all updated, 201 some failed, 500 all failed, ... */
  code: number | undefined;
  message: string;
  /** Customers in the request, as the vendor counted them. */
  total: number | undefined;
  /** Customers updated, as the vendor counted them. */
  successCount: number | undefined;
  customers: CustomerOutcome[];
}

export type Loose = Record<string, unknown>;

export function record(value: unknown): Loose | undefined {
  return isObject(value) ? value : undefined;
}

export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** `true`, `"true"` and `"TRUE"` are true; everything else is false. */
function flag(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

/** 1012 and "1012" are 1012; anything that is not an integer is undefined. */
export function integer(value: unknown): number | undefined {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isInteger(number) ? number : undefined;
}

export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

function warningsOf(itemStatus: Loose | undefined): CapillaryWarning[] {
  return list(record(itemStatus?.warnings)?.warning).flatMap((warning): CapillaryWarning[] => {
    if (typeof warning === "string") return [{ message: warning }];
    const entry = record(warning);
    if (!entry) return [];
    const code = integer(entry.code);
    return [{ ...(code === undefined ? {} : { code }), message: text(entry.message) ?? JSON.stringify(entry) }];
  });
}

/**
 * Normalises a body with Capillary's `response.status` block; undefined when there is none.
 * Use it on `error.body` to see, per customer, what a partly failed update did.
 */
export function readUpdateResponse(body: unknown): UpdateCustomersResult | undefined {
  const response = record(record(body)?.response);
  const status = record(response?.status);
  if (!status) return undefined;
  const code = integer(status.code);
  const requestOk = flag(status.success) && (code === undefined || code === 200);
  const customers = list(record(response?.customers)?.customer).map((item, index): CustomerOutcome => {
    const customer = (record(item) ?? {}) as CustomerResult;
    const itemStatus = record(customer.item_status);
    return {
      index,
      path: `/root/customer/${index}`,
      // A customer without an item status went as the request did.
      success: itemStatus ? flag(itemStatus.success) : requestOk,
      code: integer(itemStatus?.code),
      message: text(itemStatus?.message) ?? "",
      warnings: warningsOf(itemStatus),
      customer,
    };
  });
  return {
    success: requestOk && customers.every((customer) => customer.success),
    code,
    message: text(status.message) ?? "",
    total: integer(status.total),
    successCount: integer(status.success_count),
    customers,
  };
}

/** One detail per failed customer, then one per warning, each pointing at its customer. */
export function detailsOf(result: UpdateCustomersResult): ErrorDetail[] {
  const failures = result.customers
    .filter((customer) => !customer.success)
    .map((customer) => ({
      path: customer.path,
      ...(customer.code === undefined ? {} : { code: String(customer.code) }),
      message: customer.message || "failed",
    }));
  const warnings = result.customers.flatMap((customer) =>
    customer.warnings.map((warning) => ({
      path: customer.path,
      code: warning.code === undefined ? "warning" : String(warning.code),
      message: `warning: ${warning.message}`,
    })),
  );
  return [...failures, ...warnings];
}
