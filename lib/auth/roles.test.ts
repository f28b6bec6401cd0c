import { describe, expect, it } from "vitest";
import { PAGE_PERMISSIONS } from "@/tests/permission-table";
import { homePathFor, navLinksFor, PAGES } from "./pages";
import { can, isPublicPath, PERMISSIONS_LIST, ROLES, type Permission, type Role } from "./roles";

// The matrix as the README states it, written out by hand so a change to roles.ts that
// disagrees with it fails here.
const EXPECTED: Record<Role, Permission[]> = {
  admin: [...PERMISSIONS_LIST],
  manager: [
    "messages:read",
    "optouts:read",
    "spend:read",
    "export:messages",
    "export:optouts",
    "compliance:read",
    "sync:read",
  ],
  support: ["messages:read", "export:messages", "sync:read"],
  marketing: [
    "messages:read",
    "optouts:read",
    "optouts:write",
    "export:messages",
    "export:optouts",
    "sync:read",
  ],
};

describe("role matrix", () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS_LIST) {
      const allowed = EXPECTED[role].includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it("only marketing and admin may change opt-outs; only admin manages", () => {
    expect(ROLES.filter((r) => can(r, "optouts:write"))).toEqual(["admin", "marketing"]);
    for (const p of ["settings:manage", "users:manage", "audit:read", "sync:manage"] as const) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(["admin"]);
    }
  });

  it("whoever reads messages may download them; whoever reads opt-outs may download them", () => {
    for (const r of ROLES) {
      expect(can(r, "export:messages")).toBe(can(r, "messages:read"));
      expect(can(r, "export:optouts")).toBe(can(r, "optouts:read"));
    }
  });
});

describe("pages", () => {
  // Each page segment's permission as the code declares it (PAGES) against the hand-written
  // table; tests/permissions.test.ts checks that the layouts and pages enforce it.
  it.each(Object.entries(PAGES))("%s needs what the table says", (_, page) => {
    expect(PAGE_PERMISSIONS[page.href]).toBe(page.permission);
  });

  it("only the login page and the health check are public", () => {
    expect(isPublicPath("/login")).toBe(true);
    expect(isPublicPath("/api/health")).toBe(true);
    expect(isPublicPath("/api/healthz")).toBe(false);
    expect(isPublicPath("/api/ready")).toBe(true);
    expect(isPublicPath("/api/readyz")).toBe(false);
    expect(isPublicPath("/messages")).toBe(false);
    expect(isPublicPath("/")).toBe(false);
  });
});

describe("navigation", () => {
  it("shows each role only what it may open", () => {
    const labels = (r: Role) => navLinksFor(r).map((l) => l.label);
    expect(labels("admin")).toEqual([
      "Messages",
      "Opt-outs",
      "Spend",
      "Delivery",
      "Compliance",
      "Users",
      "Audit log",
      "Sync",
      "Settings",
    ]);
    expect(labels("manager")).toEqual(["Messages", "Opt-outs", "Spend", "Delivery", "Compliance"]);
    expect(labels("support")).toEqual(["Messages"]);
    expect(labels("marketing")).toEqual(["Messages", "Opt-outs"]);
  });

  it("every nav link's page needs exactly the permission the link is shown for", () => {
    for (const r of ROLES) {
      for (const l of navLinksFor(r)) expect(PAGE_PERMISSIONS[l.href]).toBe(l.permission);
      expect(homePathFor(r)).toBe("/messages");
    }
  });
});
