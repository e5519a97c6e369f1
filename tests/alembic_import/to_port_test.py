"""A revision the importer leaves to port (it reads data) fails the build with one error line
naming the revision; the hand port kept beside the project (ported/<id>.cpp) compiles."""
import argparse
import glob
import os
import subprocess
import sys


def compile_errors(compiler, include, path):
    proc = subprocess.run([compiler, "-std=c++20", "-fsyntax-only", "-I", include, path],
                          capture_output=True, text=True)
    return proc.returncode, [l for l in proc.stderr.splitlines() if " error: " in l]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--compiler", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--imported", required=True)
    ap.add_argument("--ported", required=True)
    args = ap.parse_args()
    ported = sorted(glob.glob(os.path.join(args.ported, "*.cpp")))
    if not ported:
        sys.exit("FAILED: no hand ports to check")
    for port in ported:
        rev = os.path.basename(port)[:-4]
        generated = glob.glob(os.path.join(args.imported, f"{rev}_*.cpp"))
        if len(generated) != 1:
            sys.exit(f"FAILED: the import has no single file for revision {rev}")
        status, errors = compile_errors(args.compiler, args.include, generated[0])
        if status == 0 or len(errors) != 1 or f"revision {rev}: port " not in errors[0]:
            sys.exit(f"FAILED: {generated[0]} should fail with one error naming revision {rev}, got: {errors}")
        status, errors = compile_errors(args.compiler, args.include, port)
        if status != 0:
            sys.exit(f"FAILED: the hand port {port} does not compile: {errors[:3]}")
        print(f"{rev}: the import fails the build ({errors[0].split(' error: ', 1)[1][:90]}...); the port compiles")


if __name__ == "__main__":
    main()
