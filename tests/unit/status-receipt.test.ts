import { z } from "zod";
import { KNOWN_RECEIPT_PREFIXES, maskReceiptNumber, normaliseReceiptNumber, ZReceiptNumber } from "~/status/receipt";
import type { ReceiptNumberResult } from "~/status/receipt";

const FORMAT = "A receipt number is 3 letters followed by 10 digits, like EAC2190000001.";

function accepted(input: string) {
  const result: ReceiptNumberResult = normaliseReceiptNumber(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to be accepted, got: ${result.message}`);
  return result;
}

function refused(input: string) {
  const result: ReceiptNumberResult = normaliseReceiptNumber(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${result.value}`);
  return result.message;
}

describe("normaliseReceiptNumber", () => {
  it.each([
    ["EAC2190000001", "EAC2190000001"],
    ["eac2190000001", "EAC2190000001"],
    ["  EAC 219 000 0001 ", "EAC2190000001"],
    ["EAC-21-900-00001", "EAC2190000001"],
    ["EAC–21–900–00001", "EAC2190000001"],
    ["LIN.21.900_00001", "LIN2190000001"],
    ["WAC\u00A02190000001", "WAC2190000001"],
    ["\u200BSRC2190000001\uFEFF", "SRC2190000001"],
    ["ＭＳＣ２１９００００００１", "MSC2190000001"],
    ["\tioe-091-234-5678\n", "IOE0912345678"],
  ])("reads %j as %s", (input, expected) => {
    expect(accepted(input).value).toBe(expected);
  });

  it("keeps the leading zeros of IOE numbers: the value stays a string", () => {
    const result = accepted("IOE 0912345678");
    expect(result.value).toBe("IOE0912345678");
    expect(typeof result.value).toBe("string");
    expect(result.prefix).toBe("IOE");
    expect(result.knownPrefix).toBe(true);
    expect(result.warning).toBeUndefined();
  });

  it("knows every service-center prefix and names its office", () => {
    expect(Object.keys(KNOWN_RECEIPT_PREFIXES).sort()).toEqual(
      ["CSC", "EAC", "IOE", "LIN", "MSC", "NBC", "NSC", "SRC", "TSC", "VSC", "WAC", "YSC"].sort(),
    );
    for (const prefix of Object.keys(KNOWN_RECEIPT_PREFIXES)) {
      const result = accepted(`${prefix.toLowerCase()}2190000001`);
      expect(result).toMatchObject({ prefix, knownPrefix: true });
      expect(result.warning).toBeUndefined();
    }
    expect(KNOWN_RECEIPT_PREFIXES.EAC).toBe("Vermont Service Center");
    expect(KNOWN_RECEIPT_PREFIXES.WAC).toBe(KNOWN_RECEIPT_PREFIXES.CSC);
    expect(KNOWN_RECEIPT_PREFIXES.LIN).toBe("Nebraska Service Center");
    expect(KNOWN_RECEIPT_PREFIXES.TSC).toBe("Texas Service Center");
    expect(KNOWN_RECEIPT_PREFIXES.NBC).toBe("National Benefits Center");
    expect(KNOWN_RECEIPT_PREFIXES.IOE).toMatch(/ELIS/);
    expect(KNOWN_RECEIPT_PREFIXES.YSC).toBe("Potomac Service Center");
  });

  it("accepts an unknown prefix with a warning that names it", () => {
    const result = accepted("abc-2190000001");
    expect(result).toMatchObject({ value: "ABC2190000001", prefix: "ABC", knownPrefix: false });
    expect(result.warning).toContain("ABC");
  });

  it("asks for a receipt number when there is nothing to read", () => {
    for (const input of ["", "   ", " - . _ "]) {
      const message = refused(input);
      expect(message).toMatch(/^Enter a receipt number\./);
      expect(message).toContain(FORMAT);
    }
  });

  it("explains the format, with no hint, for input that is nothing like a receipt number", () => {
    expect(refused("hello")).toBe(FORMAT);
    expect(refused("EAC2190000001X")).toBe(FORMAT);
    expect(refused("EAC 2190000001 / LIN 2190000002")).toBe(FORMAT);
  });

  it("points out 9 or 11 digits", () => {
    expect(refused("EAC219000001")).toBe(`${FORMAT} It has 9 digits; check for a missing digit.`);
    expect(refused("EAC-21900000012")).toBe(`${FORMAT} It has 11 digits; check for an extra digit.`);
  });

  it("points out the letter O typed for zero in the digits", () => {
    for (const input of ["EAC219OOOOOO1", "eac21900o0001", "IOEO912345678"]) {
      const message = refused(input);
      expect(message.startsWith(FORMAT)).toBe(true);
      expect(message).toContain("letter O");
      expect(message).toContain("digit 0");
    }
  });

  it("points out a zero typed for the letter O in the prefix", () => {
    expect(refused("I0E0912345678")).toContain("(IOE)");
    expect(refused("E4C2190000001")).toBe(`${FORMAT} The first 3 characters must be letters.`);
  });

  it("points out an A-number entered instead", () => {
    for (const input of ["A123456789", "a-123-456-789", "A#12345678", "A 098 765 432"]) {
      const message = refused(input);
      expect(message.startsWith(FORMAT)).toBe(true);
      expect(message).toContain("A-number");
    }
  });

  it("points out missing letters", () => {
    expect(refused("2190000001")).toContain("3 letters at the start are missing");
  });
});

describe("maskReceiptNumber", () => {
  it("keeps the prefix and 2 digits only", () => {
    expect(maskReceiptNumber("EAC2190000001")).toBe("EAC21•••••••");
    expect(maskReceiptNumber("ioe-0912345678")).toBe("IOE09•••••••");
  });

  it("never shows the rest of the number", () => {
    const masked = maskReceiptNumber("LIN2145678901");
    expect(masked.slice(0, 5)).toBe("LIN21");
    expect(masked.slice(5)).not.toMatch(/[0-9A-Z]/);
  });

  it("masks anything that is not a receipt number completely", () => {
    expect(maskReceiptNumber("A123456789")).toBe("•••••••");
    expect(maskReceiptNumber("")).toBe("•••••••");
  });
});

describe("ZReceiptNumber", () => {
  it("outputs the normalised number", () => {
    expect(ZReceiptNumber.parse(" eac-219-000-0001 ")).toBe("EAC2190000001");
    expect(ZReceiptNumber.parse("IOE 0912345678")).toBe("IOE0912345678");
  });

  it("gives the same message as normaliseReceiptNumber", () => {
    const result = ZReceiptNumber.safeParse("EAC219000001");
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([refused("EAC219000001")]);
  });

  it("asks for a number when the field is missing (conform sends empty fields as undefined)", () => {
    const result = z.object({ receipt: ZReceiptNumber }).safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["receipt"], message: expect.stringMatching(/^Enter a receipt number\./) }),
    ]);
  });

  it("refuses non-strings", () => {
    expect(ZReceiptNumber.safeParse(2190000001).success).toBe(false);
  });
});
