#!/usr/bin/env python3
"""Regenerates the run log zip fixtures of tst_ci_github_logs (FORMATS.md §1e).

    cd tests/data/github-actions-logs && python3 make_zips.py

run_logs_layout_a.zip  run 9006: whole-job logs N_<job>.txt plus <job>/<number>_<step>.txt and
                       <job>/system.txt; the job "release / publish: npm" is stored under its
                       sanitised name "release  publish npm" ('/' and ':' dropped).
logs_9001.zip          run 9001, layout B (only whole-job logs, plus system.txt): the job logs
                       job_log_failed.txt and job_31002.txt of this folder.
zip_slip.zip           a job log next to an entry "../evil.txt".
truncated.zip          the first half of logs_9001.zip.

Entries get a fixed date so that the files are byte-for-byte reproducible.
"""
import os
import zipfile

BOM = "\ufeff"
DATE = (2024, 12, 15, 10, 0, 0)
HERE = os.path.dirname(os.path.abspath(__file__))


def step_log(lines):
    # Every step's log starts with a BOM, as the runner writes it.
    return BOM + "".join(line + "\n" for line in lines)


def ts(clock, text):
    return f"2024-12-15T10:00:{clock}Z {text}"


BUILD_STEPS = [
    (1, "Set up job", [
        ts("01.8810231", "Current runner version: '2.321.0'"),
        ts("02.9920113", "Complete job name: build"),
    ]),
    (2, "Run actionscheckout@v4", [
        ts("03.1120311", "##[group]Run actions/checkout@v4"),
        ts("03.1121002", "##[endgroup]"),
        ts("03.8830129", "[command]/usr/bin/git checkout --progress --force -B main refs/remotes/origin/main"),
    ]),
    (3, "Run make", [
        ts("04.0210331", "##[group]Run make"),
        ts("04.0211012", "##[endgroup]"),
        ts("05.1120034", "cc -O2 -Wall -c main.c -o main.o"),
        ts("05.9931120", "main.c:14:5: error: 'config_t' undeclared (first use in this function)"),
        ts("05.9932301", "make: *** [Makefile:7: main.o] Error 1"),
        ts("20.9941203", "##[error]Process completed with exit code 2."),
    ]),
    (4, "Post Run actionscheckout@v4", [
        ts("21.2210031", "Post job cleanup."),
        ts("21.3302210", "[command]/usr/bin/git version"),
    ]),
    (5, "Complete job", [
        ts("22.1120330", "Cleaning up orphan processes"),
    ]),
]

RELEASE_STEPS = [
    (1, "Set up job", [
        ts("02.7720014", "Current runner version: '2.321.0'"),
        ts("03.6610227", "Complete job name: release / publish: npm"),
    ]),
    (2, "Set up Node", [
        ts("04.1030021", "##[group]Run actions/setup-node@v4"),
        ts("04.1030512", "with:"),
        ts("04.1030820", "  node-version: 20"),
        ts("04.1031137", "  cache: npm"),
        ts("04.1031450", "##[endgroup]"),
        ts("04.5520301", "Found in cache @ /opt/hostedtoolcache/node/20.18.1/x64"),
        ts("06.8810442", "Cache restored from key: node-cache-Linux-x64-npm-3f9a1c0d2b"),
    ]),
    (3, "Run npm publish", [
        ts("07.0120033", "##[group]Run npm publish"),
        ts("07.0120541", "##[endgroup]"),
        ts("14.9930217", "+ @octo-org/webapp@1.4.0"),
    ]),
    (4, "Complete job", [
        ts("15.2210310", "Cleaning up orphan processes"),
    ]),
]

SYSTEM = "".join(line + "\n" for line in [
    ts("01.2200131", "Requested labels: ubuntu-latest"),
    ts("01.2200512", "Job defined at: octo-org/webapp/.github/workflows/release.yml@refs/heads/main"),
    ts("01.2200804", "Waiting for a runner to pick up this job..."),
])


def add(archive, name, data):
    info = zipfile.ZipInfo(name, date_time=DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def layout_a():
    with zipfile.ZipFile(os.path.join(HERE, "run_logs_layout_a.zip"), "w") as z:
        for order, (folder, steps) in enumerate([("build", BUILD_STEPS), ("release  publish npm", RELEASE_STEPS)]):
            add(z, f"{order}_{folder}.txt", "".join(step_log(lines) for _, _, lines in steps))
        for folder, steps in [("build", BUILD_STEPS), ("release  publish npm", RELEASE_STEPS)]:
            for number, name, lines in steps:
                add(z, f"{folder}/{number}_{name}.txt", step_log(lines))
            add(z, f"{folder}/system.txt", SYSTEM)


def read(name):
    with open(os.path.join(HERE, name), "rb") as f:
        return f.read()


def layout_b():
    path = os.path.join(HERE, "logs_9001.zip")
    with zipfile.ZipFile(path, "w") as z:
        add(z, "0_test (ubuntu-latest, 20).txt", read("job_log_failed.txt"))
        add(z, "1_lint.txt", read("job_31002.txt"))
        add(z, "test (ubuntu-latest, 20)/system.txt", SYSTEM)
        add(z, "lint/system.txt", SYSTEM)
    data = read("logs_9001.zip")
    with open(os.path.join(HERE, "truncated.zip"), "wb") as f:
        f.write(data[: len(data) // 2])


def zip_slip():
    with zipfile.ZipFile(os.path.join(HERE, "zip_slip.zip"), "w") as z:
        add(z, "0_build.txt", step_log(BUILD_STEPS[0][2]))
        add(z, "../evil.txt", "overwritten\n")


if __name__ == "__main__":
    layout_a()
    layout_b()
    zip_slip()
