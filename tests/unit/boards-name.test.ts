import { boardNameProblem, normaliseBoardName } from "~/boards/board-name";
import { ZBoardProfile } from "~/boards/schemas";

describe("board names", () => {
  test.each(["Maria G.", "wei_2026", "Olena Kovalenko", "José-Luis", "O'Brien", "李伟", "Modesto", "Matty", "Esquivel", "Мария"])("%s is fine", (name) => {
    expect(boardNameProblem(normaliseBoardName(name))).toBeNull();
  });

  test.each([
    ["Attorney Smith", "staff title"],
    ["SmithAttorney", "staff title"],
    ["Moderator", "staff title"],
    ["M0derat0r", "staff title"],
    ["\u0410dmin", "staff title"], // Cyrillic А
    ["admin", "staff title"],
    ["The Mod", "staff title"],
    ["Lawyer Lee", "staff title"],
    ["USCIS help", "staff title"],
    ["Mod\u200Berator", "invisible"],
    ["Maria\u202E", "invisible"],
    ["tab\there", "invisible"],
    ["x", "at least"],
    ["a".repeat(31), "at most"],
    ["<b>hi</b>", "letters, digits"],
    ["Maria ✅", "letters, digits"],
    ["-dash first", "letters, digits"],
  ])("%j is refused (%s)", (name, expected) => {
    expect(boardNameProblem(normaliseBoardName(name))?.toLowerCase()).toContain(expected === "staff title" ? "staff title" : expected === "invisible" ? "visible characters" : expected);
  });

  test("the form trims, collapses spaces, and takes an empty name as going back to the default", () => {
    expect(ZBoardProfile.parse({ boardName: "  Maria   G.  " })).toEqual({ boardName: "Maria G." });
    expect(ZBoardProfile.parse({ boardName: "" })).toEqual({ boardName: "" });
    expect(ZBoardProfile.parse({})).toEqual({ boardName: "" });
    expect(ZBoardProfile.safeParse({ boardName: "Admin" }).success).toBe(false);
  });
});
