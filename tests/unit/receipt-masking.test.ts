import { describe, expect, it } from "vitest";
import { maskReceiptIn } from "~/status/sealed-receipts.server";

describe("maskReceiptIn", () => {
  const number = "IOE0912345678";
  it("masks the number as USCIS writes it, and as people write it", () => {
    expect(maskReceiptIn(`we received your Form I-130, Receipt Number ${number}, and`, number)).toBe("we received your Form I-130, Receipt Number IOE09•••••••, and");
    expect(maskReceiptIn("notice for ioe-091-234-5678 arrived; IOE 0912345678 again", number)).toBe("notice for IOE09••••••• arrived; IOE09••••••• again");
  });
  it("leaves other numbers and text alone, and null as null", () => {
    expect(maskReceiptIn("Receipt Number IOE0912345679 and EAC0912345678", number)).toBe("Receipt Number IOE0912345679 and EAC0912345678");
    expect(maskReceiptIn(null, number)).toBeNull();
  });
});
