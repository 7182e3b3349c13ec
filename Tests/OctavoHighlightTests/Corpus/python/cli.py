import argparse
import logging
import pathlib
import shutil

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Copy a manuscript and its images.")
    parser.add_argument("source", type=pathlib.Path)
    parser.add_argument("target", type=pathlib.Path)
    parser.add_argument("-n", "--dry-run", action="store_true", help="only print what would be copied")
    parser.add_argument("--verbose", "-v", action="count", default=0)
    return parser


def copy_tree(source: pathlib.Path, target: pathlib.Path, dry_run=False) -> int:
    copied = 0
    for path in sorted(source.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        destination = target / path.relative_to(source)
        log.info("copy %s -> %s", path, destination)
        if not dry_run:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
        copied += 1
    return copied


def main():
    args = build_parser().parse_args()
    logging.basicConfig(level=logging.WARNING - 10 * args.verbose)
    count = copy_tree(args.source, args.target, dry_run=args.dry_run)
    print(f"{count} files {'would be ' if args.dry_run else ''}copied")
