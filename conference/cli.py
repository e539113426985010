"""Commands for `flask --app wsgi …`."""

import os

import click
from flask import current_app
from flask.cli import with_appcontext

from conference import backup
from conference.models import ROLE_LABELS
from conference.pdf import cli as pdf_cli
from conference.returns import cli as returns_cli
from conference.seeding.synthetic import seed_synthetic_command

ROLES = [role.value for role in ROLE_LABELS]


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", required=True)
@click.option("--agency", default="", help="For example, Children's Social Care.")
def create_user_command(email, role, name, agency):
    """Create a user. The password is read from NEW_USER_PASSWORD, or asked for."""
    from conference.domain.passwords import password_problems
    from conference.extensions import db
    from conference.services import accounts as services

    password = os.environ.get("NEW_USER_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    problems = password_problems(password, email)
    if problems:
        raise click.ClickException(problems[0])
    try:
        user = services.create_user(
            None, email=email, name=name, role=role, password=password, agency=agency
        )
    except services.EmailTaken:
        raise click.ClickException("An account already uses this email address") from None
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role_label})")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Create the fictional demo users and records (safe to run again)."""
    from conference.seeding import demo

    if os.environ.get("CONFERENCE_ENV", "").lower() == "production":
        raise click.ClickException("Refusing to create demo data: CONFERENCE_ENV is production")
    password = os.environ.get("DEMO_PASSWORD")
    generated = demo.seed(password)
    if generated:
        path = os.path.join(current_app.instance_path, "demo-password.txt")
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
            file.write(generated + "\n")
        click.echo(f"Demo users created with the password: {generated}")
        click.echo("(shown once; also kept in instance/demo-password.txt)")
    else:
        click.echo("Demo data is in place.")


@click.command("rebuild-dashboard")
@with_appcontext
def rebuild_dashboard_command():
    """Count every case into the dashboard's running totals again: once after upgrading a
    database that held records before the totals were kept (the dashboard counts the records
    until then, more slowly), or after changing a setting the figures are judged by. Safe while
    the service is in use: it goes a batch of cases at a time, as the dashboard's totals page
    does in the background."""
    from conference.extensions import db
    from conference.services import jobs
    from conference.services.dashboard import rebuild

    job = rebuild.begin(None)
    db.session.commit()
    label = "Counting every case again"
    try:
        with click.progressbar(length=job.total, label=label, show_pos=True) as bar:
            while rebuild.next_batch(job):
                db.session.commit()
                bar.update(job.done - bar.pos)
            db.session.commit()
            bar.update(job.total - bar.pos)
    except Exception:
        db.session.rollback()
        jobs.failed(job.id)  # the totals page says so, rather than wait for it to go silent
        db.session.commit()
        raise
    if job.state != "done":
        raise click.ClickException(
            "The rebuild stopped before the end (the dashboard's totals page says why). "
            "Run the command again."
        )
    click.echo("The dashboard's totals are built")


KEEP_BATCH = 200  # cases per commit: each batch holds its cases' rows only while it is kept


@click.command("keep-work")
@with_appcontext
def keep_work_command():
    """Work out and keep today's My work items of every open case, for the teams' managers (the
    deployment's timer runs it each night; a manager's page otherwise works out what is not
    kept and keeps it in the background)."""
    from conference.domain.timescales import default_calendar
    from conference.extensions import db
    from conference.services.my_work import items, kept

    settings = items.Settings.from_config(current_app.config)
    today = items.today()
    cases = kept.open_cases()
    done = 0
    batches = [cases[start : start + KEEP_BATCH] for start in range(0, len(cases), KEEP_BATCH)]
    with click.progressbar(batches, label="Keeping My work", show_pos=True) as shown:
        for batch in shown:
            done += kept.keep(batch, today, default_calendar(), settings)
            db.session.commit()
    click.echo(f"{done:,} of {len(cases):,} open cases' items kept for {today.isoformat()}")


RECHECK_BATCH = 100  # plans per commit: the work is kept as it goes, in short transactions


@click.command("recheck-plans")
@with_appcontext
def recheck_plans_command():
    """Store the plan checker's answers again on every plan (the dashboard's plan-quality
    figures count them): once after upgrading to a checker that judges plans differently."""
    from conference.extensions import db
    from conference.services import plan_checks

    plan_ids = plan_checks.plan_ids_to_recheck()
    for start in range(0, len(plan_ids), RECHECK_BATCH):
        plan_checks.recheck_plans(plan_ids[start : start + RECHECK_BATCH])
        db.session.commit()
    click.echo(f"Checked {len(plan_ids):,} plans again; the dashboard counts their answers")


@click.command("purge-drafts")
@with_appcontext
def purge_drafts_command():
    """Delete the autosaved drafts not saved again for DRAFTS_KEPT_DAYS days: run it daily."""
    from datetime import timedelta

    from conference.extensions import db
    from conference.services import drafts

    days = current_app.config["DRAFTS_KEPT_DAYS"]
    deleted = drafts.purge_expired(timedelta(days=days))
    db.session.commit()
    click.echo(f"{deleted:,} drafts not saved for {days} days were deleted")


@click.command("work-jobs")
@with_appcontext
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
def work_jobs_command(burst):
    """Do the background work (documents, returns) sent to the queue at JOB_QUEUE_URL (Redis).
    Run one or more on any server; each does one task at a time."""
    from conference.common import queue

    work = current_app.extensions["queue"]
    if not isinstance(work, queue.OnRedis):
        raise click.ClickException(
            "JOB_QUEUE_URL is not a redis:// address: without it, each server process does its "
            "own background work and no worker is needed"
        )
    from rq import SimpleWorker

    from conference.pdf import render

    # Before the first task, so the first document asked for is not a cold start's 10 s.
    render.start_render_children()
    # One process doing one task after another in this app's context: each render is laid out
    # in a child process of its own already (pdf/render.py), so nothing is gained by forking.
    SimpleWorker([work.queue], connection=work.connection).work(burst=burst)


def init_app(app):
    app.cli.add_command(purge_drafts_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(pdf_cli.print_plan_command)
    app.cli.add_command(pdf_cli.make_documents_command)
    app.cli.add_command(seed_synthetic_command)
    app.cli.add_command(returns_cli.export_cin_command)
    app.cli.add_command(returns_cli.export_annex_a_command)
    app.cli.add_command(backup.backup_command)
    app.cli.add_command(backup.restore_command)
    app.cli.add_command(rebuild_dashboard_command)
    app.cli.add_command(recheck_plans_command)
    app.cli.add_command(work_jobs_command)
    app.cli.add_command(keep_work_command)
