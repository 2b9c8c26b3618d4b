import { spawnSync } from "node:child_process";

/** Whether a command-line tool the tests use (a Debian package) is installed here. */
export function hasCommand(command: string, args = ["--version"]) {
  return !spawnSync(command, args, { stdio: "ignore" }).error;
}
