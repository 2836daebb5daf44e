"""The command-line face of teiedition: parse options, call one function, print, exit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import TeieditionError


def fail(err: TeieditionError) -> None:
    """Print one line for a known error and exit with its code (1 invalid, 2 bad input)."""
    click.echo(str(err), err=True)
    sys.exit(err.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teiedition")
def main() -> None:
    """Plain text to a scholarly edition: TEI P5, an HTML reading edition and a print PDF."""


@main.command()
@click.argument("source", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="TEI file to write [default: tei/<name>.xml].")
@click.option("--register", "register_path", type=click.Path(dir_okay=False),
              default="tei/register.xml", show_default=True,
              help="The edition's register of persons, organisations and places.")
@click.option("--no-register", is_flag=True, help="Link names without the register.")
@click.option("--no-entities", is_flag=True, help="Encode structure only: no names or dates.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def encode(source: str, output: str | None, register_path: str, no_register: bool,
           no_entities: bool, quiet: bool) -> None:
    """Encode a plain-text SOURCE (as extracted from a PDF or OCR) as TEI P5.

    Prints a report: pages, paragraphs, line-end hyphens (the uncertain ones listed),
    quotation warnings and entities found.
    """
    from .build import encode_file

    try:
        report = encode_file(Path(source) if source != "-" else None, output=output,
                             register=None if no_register else Path(register_path),
                             entities=not no_entities, config=True)
    except TeieditionError as err:
        fail(err)
    if not quiet:
        click.echo(report.text(), err=True)


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(exists=True))
@click.option("-o", "--out", "out_root", type=click.Path(), default=".",
              show_default=True, help="Folder that receives tei/ and output/.")
@click.option("--formats", default=None,
              help="Which outputs to make (comma-separated: tei, html, pdf); text sources "
              "always get their TEI [default: the formats of teiedition.toml, else all].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: the number of cores].")
@click.option("--keep-going", is_flag=True, help="Go on with the other documents after a "
              "failure (the run still exits 1).")
@click.option("--force", is_flag=True, help="Rebuild everything, and regenerate TEI that "
              "was edited by hand.")
@click.option("--strict", is_flag=True, help="TEI written by others must be valid against "
              "the project schema too (otherwise its problems are warnings).")
@click.option("--no-entities", is_flag=True, help="Encode structure only: no names or dates.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print every document, output and "
              "warning.")
@click.option("--log", "log_path", type=click.Path(dir_okay=False),
              help="Append one JSON line per document and a summary line to this file.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="local: worker processes here; dask: a Dask cluster "
              "(workers must see the same folders).")
@click.option("--scheduler", help="Address of the Dask scheduler (tcp://HOST:8786).")
@click.option("--search", "search", type=click.Choice(["shards", "pagefind", "none"]),
              default=None, help="The HTML edition's search: shards (works from file://), "
              "pagefind (stemmed, for a web server), none [default: teiedition.toml's "
              "search, else shards].")
def build(sources: tuple[str, ...], out_root: str, formats: str | None, jobs: int | None,
          keep_going: bool, force: bool, strict: bool, no_entities: bool, quiet: bool,
          verbose: bool,
          log_path: str | None, executor: str, scheduler: str | None,
          search: str | None) -> None:
    """Build the edition: text → TEI → validation → HTML and PDF.

    SOURCES are .txt files (encoded to tei/<name>.xml first), TEI .xml files (published as
    they are, after validation) or folders (walked for both). Without SOURCES, builds the
    built-in sample (Trotsky's open letter of 2 November 1937, in Swedish) into tei/ and
    output/ of the current folder. Only what changed since the last build is rebuilt; TEI
    edited by hand in tei/ is kept unless --force. Exit 0: all built; 1: a document failed;
    2: the output cannot be written, or bad usage.
    """
    from .build import build_edition

    # checked by build_edition (one place: an unknown format is an InputError, exit 2)
    wanted = None if formats is None else tuple(f.strip() for f in formats.split(",")
                                                if f.strip())
    if executor == "dask" and not scheduler:
        raise click.BadParameter("--executor dask needs --scheduler ADDRESS",
                                 param_hint="--scheduler")
    echo = None if quiet else (lambda m: click.echo(m, err=True))
    try:
        summary = build_edition([Path(s) for s in sources], Path(out_root), wanted, echo=echo,
                                jobs=jobs, keep_going=keep_going, force=force, strict=strict,
                                executor=executor, scheduler=scheduler,
                                entities=not no_entities, verbose=verbose, search=search,
                                progress=not quiet and sys.stderr.isatty(),
                                log=Path(log_path) if log_path else None)
    except TeieditionError as err:
        fail(err)
    except KeyboardInterrupt:
        click.echo("interrupted: every output written so far is complete; run the build "
                   "again to finish", err=True)
        sys.exit(130)
    if not quiet or summary.failed:
        click.echo(summary.text(verbose=verbose), err=quiet)
    sys.exit(summary.exit_code)


@main.command("html")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(file_okay=False), default="output/html",
              show_default=True, help="Folder that receives the HTML edition.")
@click.option("--register", "register_path", type=click.Path(dir_okay=False), default=None,
              help="A register for names no other register holds (each file's own "
              "entries come first, then its edition's tei/register.xml).")
@click.option("--title", default=None, help="The edition's title [default: the title of "
              "teiedition.toml, else the text's].")
@click.option("--search", "search", type=click.Choice(["shards", "pagefind", "none"]),
              default="shards", show_default=True,
              help="shards: an index loaded in pieces as a query needs them, works from "
              "file://; pagefind: Pagefind's index with stemming, for a web server; none.")
@click.option("--no-search", is_flag=True, help="Build no search page and index "
              "(--search none).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: the number of cores].")
def html_cmd(files: tuple[str, ...], output: str, register_path: str | None,
             title: str | None, search: str, no_search: bool, jobs: int | None) -> None:
    """Publish TEI FILES (or folders of them) as a static HTML reading edition (works
    from file://).

    Each text is rendered in a worker process (build's engine); nothing is written unless
    every text succeeds, and every failing text is reported."""
    from .build.discover import tei_files
    from .build.run import SEARCH_MODES
    from .publish.html import build_html

    try:
        written = build_html(tei_files(files), output, register=register_path, title=title,
                             search=SEARCH_MODES["none" if no_search else search],
                             jobs=jobs)
    except TeieditionError as err:
        fail(err)
    click.echo(f"{len(written)} files written to {output}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--schema", type=click.Choice(["project", "tei-all"]), default="project",
              show_default=True, help="project: the edition's TEI customisation (fast); "
              "tei-all: all of TEI P5 (loads in ~10 s).")
@click.option("--register", "register_path", type=click.Path(dir_okay=False),
              help="Register that #id pointers may resolve to "
              "[default: register.xml beside each file, else tei/register.xml, if there is one].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: FILE:LINE:COL: error: message; json: for machines.")
def validate(files: tuple[str, ...], schema: str, register_path: str | None, fmt: str) -> None:
    """Check TEI FILES (or folders of them) against RELAX NG and the teiedition Schematron
    rules.

    Exit 0 when all are valid, 1 when any is invalid, 2 when any cannot be read.
    """
    from .build.discover import tei_files
    from .validate import reports_json, summary, validate_paths

    try:
        files = tuple(map(str, tei_files(files)))
    except TeieditionError as err:
        fail(err)
    reports = list(validate_paths(files, schema=schema, register=register_path))  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(reports_json(reports, schema))  # type: ignore[arg-type]
    else:
        for r in reports:
            for line in r.lines():
                click.echo(line)
    click.echo(summary(reports, schema), err=True)  # type: ignore[arg-type]
    statuses = {r.status for r in reports}
    sys.exit(2 if "unreadable" in statuses else 1 if "invalid" in statuses else 0)


@main.command()
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--register", "register_path", type=click.Path(dir_okay=False),
              default="tei/register.xml", show_default=True,
              help="The edition's register (a missing file counts as empty).")
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]),
              default="table", show_default=True)
@click.option("--apply", "apply_path", type=click.Path(dir_okay=False, exists=True),
              help="Write the corrections of an edited review table (--format tsv: kind, "
              "name, merge_into, reject) into the register; the next build re-links.")
@click.option("--resp", default="editor", show_default=True,
              help="The id the register names the corrections' author by.")
def entities(files: tuple[str, ...], register_path: str, fmt: str, apply_path: str | None,
             resp: str) -> None:
    """Review the names in TEI FILES (or folders of them): register id, forms, count,
    certainty, first line, and the candidates that are not yet in the register; or, with
    --apply, write an edited review table's corrections into the register."""
    from .entities import format_review, load_register, review, write_register

    try:
        if apply_path is not None:
            from .entities.review import apply_review

            text = Path(apply_path).read_text(encoding="utf-8-sig")
            reg = apply_review(text, apply_path, load_register(register_path), resp)
            write_register(reg, register_path)
            click.echo(f"{register_path}: corrections from {apply_path} written")
            return
        if not files:
            raise click.UsageError("give TEI FILES to review, or --apply TABLE")
        from .build.discover import tei_files

        rows = review([str(f) for f in tei_files(files)], load_register(register_path))
    except TeieditionError as err:
        fail(err)
    click.echo(format_review(rows, fmt), nl=False)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False), default="output/pdf",
              show_default=True, help="Folder for the PDFs.")
@click.option("--register", "register_path", type=click.Path(dir_okay=False),
              help="A register for names no other register holds (each file's own "
              "entries come first, then its edition's tei/register.xml).")
@click.option("--paper", type=click.Choice(["a4", "a5", "letter"]), default=None,
              help="Paper size [default: the paper of teiedition.toml, else a4].")
@click.option("--pdfa", is_flag=True, help="Write PDF/A-2b (archival).")
@click.option("--keep-source", is_flag=True, help="Also write the Typst source (.typ) beside "
              "each PDF, for editors who want to adjust it.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: the number of cores].")
def pdf(files: tuple[str, ...], out_dir: str, register_path: str | None, paper: str | None,
        pdfa: bool, keep_source: bool, jobs: int | None) -> None:
    """Typeset TEI FILES (or folders of them) as print-ready PDFs: title page, text with
    the source's page numbers and line numbers, notes, index of names with page numbers,
    colophon."""
    from .build.discover import tei_files
    from .edition import edition_config
    from .publish.pdf import build_pdf

    try:
        files = tuple(tei_files(files))
        paper = paper or edition_config(files).paper
        written = build_pdf([Path(f) for f in files], Path(out_dir), register=register_path,
                            paper=paper, pdfa=pdfa, keep_source=keep_source, jobs=jobs,
                            warn=lambda message: click.echo(message, err=True))
    except TeieditionError as err:
        fail(err)
    for path in written:
        click.echo(str(path))


@main.command()
@click.argument("directory", required=False, default=".",
                type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Start an edition in DIRECTORY (default: here): a commented teiedition.toml and the
    folders build reads and writes (sources/, tei/, output/). Existing files are never
    overwritten: an edition that has a teiedition.toml is refused."""
    from .edition import init_edition

    try:
        made = init_edition(Path(directory))
    except TeieditionError as err:
        fail(err)
    for path in made:
        click.echo(str(path))
