/**
 * Runs the Debian PDF tools (qpdf, poppler-utils) without a shell, so file names and passwords are never
 * interpreted, and with a time limit so a pathological upload cannot hold a request forever.
 */
import { spawn } from "node:child_process";
import { FormError } from "./errors";

export type ToolResult = { code: number; stdout: Buffer; stderr: string };

export function runTool({
  command,
  args,
  input,
  timeoutMs = 60_000,
}: {
  command: string;
  args: string[];
  input?: Uint8Array;
  timeoutMs?: number;
}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], timeout: timeoutMs });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") {
        reject(new FormError({ code: "TOOL_MISSING", message: `${command} is not installed`, cause: error }));
      } else {
        reject(new FormError({ code: "TOOL_FAILED", message: `${command} could not run: ${error.message}`, cause: error }));
      }
    });
    child.on("close", (code, signal) => {
      if (signal) {
        reject(new FormError({ code: "TOOL_FAILED", message: `${command} was stopped by ${signal}` }));
        return;
      }
      resolve({ code: code ?? -1, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString("utf8") });
    });
    // A tool that exits without reading all of stdin (bad arguments) makes the write fail with EPIPE; the exit code
    // already says what went wrong.
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}
