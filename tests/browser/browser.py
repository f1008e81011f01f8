#!/usr/bin/env python3
"""Browser tests of pacta's pages in headless Chromium, driven through chromedriver with the
W3C WebDriver protocol spoken by the standard library alone (no pip packages, no network).

    browser.py report PACTA SOURCE_DIR   the page of `pacta report examples/ukraine-2025.yaml`
    browser.py serve PACTA SOURCE_DIR    the pages and API of `pacta serve` on a free port

Checks: the page loads without console errors (chromedriver's browser log, goog:loggingPrefs),
its plots (svg elements) are there; for serve also that moving a slider changes the forecast
shown, that /api/ answers valid JSON and that a bad request gets a 4xx with a message.
Exit 0 pass, 1 fail, 77 skipped (Chromium or chromedriver absent: scripts/install-deps.sh
installs Debian's chromium and chromium-driver).
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# How long to wait for a page, the server or the driver; generous for sanitizer builds.
WAIT_SECONDS = 60


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=WAIT_SECONDS):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        raise Failure("%s %s: HTTP %d: %s" % (method, url, e.code, e.read()[:500]))


class Driver:
    """A session of chromedriver running headless Chromium."""

    def __init__(self, tmp):
        self.port = free_port()
        self.log = open(os.path.join(tmp, "chromedriver.log"), "w")
        self.proc = subprocess.Popen([CHROMEDRIVER, "--port=%d" % self.port],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.base = "http://127.0.0.1:%d" % self.port
        deadline = time.time() + WAIT_SECONDS
        while True:
            try:
                if http("GET", self.base + "/status", timeout=2)["value"]["ready"]:
                    break
            except (OSError, Failure, KeyError):
                pass
            if time.time() > deadline or self.proc.poll() is not None:
                raise Failure("chromedriver did not start")
            time.sleep(0.2)
        options = {"binary": CHROMIUM,
                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                            "--disable-dev-shm-usage", "--no-first-run",
                            "--user-data-dir=" + os.path.join(tmp, "profile")]}
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options,
            "goog:loggingPrefs": {"browser": "ALL"}}}}
        self.session = http("POST", self.base + "/session", caps)["value"]["sessionId"]

    def call(self, method, path, body=None):
        return http(method, "%s/session/%s%s" % (self.base, self.session, path), body)["value"]

    def go(self, url):
        self.call("POST", "/url", {"url": url})

    def script(self, source, *args):
        return self.call("POST", "/execute/sync", {"script": source, "args": list(args)})

    def element(self, css):
        found = self.call("POST", "/element", {"using": "css selector", "value": css})
        return list(found.values())[0]

    def console_errors(self):
        entries = self.call("POST", "/se/log", {"type": "browser"})
        return [e["message"] for e in entries if e.get("level") == "SEVERE"]

    def wait_for(self, source, what, *args):
        deadline = time.time() + WAIT_SECONDS
        while time.time() < deadline:
            value = self.script(source, *args)
            if value:
                return value
            time.sleep(0.2)
        raise Failure("timed out waiting for " + what)

    def close(self):
        try:
            http("DELETE", "%s/session/%s" % (self.base, self.session), timeout=20)
        except (OSError, Failure):
            pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def check_page(driver, url, what):
    driver.go(url)
    driver.wait_for("return document.readyState === 'complete'", what + " to load")
    svgs = driver.script("return document.querySelectorAll('svg').length")
    if svgs < 1:
        raise Failure("%s: no plots (svg elements)" % what)
    print("%s: %d svg plots" % (what, svgs))


def no_console_errors(driver, what):
    errors = driver.console_errors()
    if errors:
        raise Failure("%s: console errors: %s" % (what, errors))


def test_report(driver, pacta, src, tmp):
    page = os.path.join(tmp, "r.html")
    subprocess.run([pacta, "report", os.path.join(src, "examples", "ukraine-2025.yaml"),
                    "-o", page], check=True, timeout=WAIT_SECONDS)
    check_page(driver, "file://" + page, "the report")
    no_console_errors(driver, "the report")


FORECAST_CELLS = """return Array.prototype.map.call(
    document.querySelectorAll('#wi-forecast td'), function (c) { return c.textContent; })
    .join('|');"""


def test_serve(driver, pacta, src, tmp):
    served = os.path.join(tmp, "served")
    os.mkdir(served)
    shutil.copy(os.path.join(src, "examples", "ukraine-2025.yaml"), served)
    out = open(os.path.join(tmp, "server.out"), "w+")
    server = subprocess.Popen([pacta, "serve", "--listen", "127.0.0.1:0", served],
                              stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + WAIT_SECONDS
        base = None
        while base is None:
            out.seek(0)
            for word in out.read().split():
                if word.startswith("http://"):
                    base = word.rstrip("/")
            if base is None and (time.time() > deadline or server.poll() is not None):
                raise Failure("pacta serve did not start")
            time.sleep(0.1)
        check_page(driver, base + "/scenarios/ukraine-2025.yaml", "the served page")
        driver.wait_for("var f = document.getElementById('wi-form');"
                        "return f && f.getAttribute('data-ready') === 'true'",
                        "the what-if forecasts")
        before = driver.script(FORECAST_CELLS)
        if not before:
            raise Failure("the what-if table shows no forecast")
        # Move Russia's capability slider to its end with the keyboard, as a user would.
        slider = driver.script("var s = document.querySelector("
                               "'input[data-actor=\"russia\"][data-field=\"capability\"]');"
                               "s.closest('details').open = true; return s.id")
        element = driver.element("#" + slider)
        driver.call("POST", "/element/%s/value" % element, {"text": "\ue010"})  # End
        after = driver.wait_for("var t = arguments[0]; var now = (" +
                                FORECAST_CELLS[len("return "):].rstrip(";") +
                                "); return now !== t && now.indexOf('(') > 0 ? now : null",
                                "the forecast to change after the slider moved", before)
        print("a slider change updated the forecast: %d cells changed" %
              sum(a != b for a, b in zip(before.split("|"), after.split("|"))))
        no_console_errors(driver, "the served page")
        api = driver.script("var x = new XMLHttpRequest(); x.open('GET', '/api/', false);"
                            "x.send(); return [x.status, x.responseText];")
        if api[0] != 200 or json.loads(api[1])["schema"] != "pacta.server/1":
            raise Failure("/api/ did not answer its JSON: %s" % api)
        bad = driver.script("var x = new XMLHttpRequest(); x.open('POST', '/api/forecast', false);"
                            "x.setRequestHeader('Content-Type', 'application/json');"
                            "x.send('{\"scenario\": '); return [x.status, x.responseText];")
        message = json.loads(bad[1])["error"]["message"]
        if not 400 <= bad[0] < 500 or "request body:1:" not in message:
            raise Failure("a bad request got %s" % bad)
        print("a bad request got %d: %s" % (bad[0], message))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            raise Failure("pacta serve did not stop on SIGTERM")
        out.close()
    if code != 0:
        raise Failure("pacta serve exited with %d after SIGTERM" % code)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("report", "serve"):
        sys.exit("usage: browser.py report|serve PACTA SOURCE_DIR")
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            print("skipped: %s is absent (scripts/install-deps.sh installs Debian's chromium "
                  "and chromium-driver)" % tool)
            return 77
    mode, pacta, src = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    tmp = tempfile.mkdtemp(prefix="pacta-browser-")
    driver = None
    try:
        driver = Driver(tmp)
        (test_report if mode == "report" else test_serve)(driver, pacta, src, tmp)
    except (Failure, subprocess.CalledProcessError, OSError) as e:
        print("FAIL:", e)
        if os.path.exists(os.path.join(tmp, "server.out")):
            print(open(os.path.join(tmp, "server.out")).read())
        return 1
    finally:
        if driver is not None:
            driver.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print("pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
