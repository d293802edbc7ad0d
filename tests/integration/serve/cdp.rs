//! A small client of the Chrome DevTools Protocol over Chromium's
//! `--remote-debugging-pipe` (commands on fd 3, answers on fd 4, each message
//! JSON ending in a NUL byte): enough to drive one tab as a person would
//! (load a page, click where an element is drawn, read values, take
//! screenshots) without a WebSocket stack.

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// Chromium with one tab attached.
pub struct Browser {
    child: Child,
    to: std::fs::File,
    from: BufReader<std::fs::File>,
    next: u64,
    session: String,
    _profile: tempfile::TempDir,
}

/// Move `fd` to `target` in a child about to exec, whatever numbers it had.
///
/// # Safety
/// Only async-signal-safe calls, as `pre_exec` requires.
unsafe fn place(fd: i32, target: i32) -> std::io::Result<()> {
    // SAFETY: plain fd syscalls on descriptors this process owns
    let high = unsafe { libc::fcntl(fd, libc::F_DUPFD, 10) };
    if high < 0 || unsafe { libc::dup2(high, target) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

impl Browser {
    /// Start headless Chromium and open one tab of `width` × `height` pixels.
    pub fn start(chromium: &Path, width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let (cmd_r, cmd_w) = std::io::pipe().unwrap();
        let (res_r, res_w) = std::io::pipe().unwrap();
        let (a, b) = (cmd_r.as_raw_fd(), res_w.as_raw_fd());
        let mut command = Command::new(chromium);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: `place` makes only fcntl and dup2 calls
        unsafe {
            command.pre_exec(move || {
                place(a, 30)?;
                place(b, 31)?;
                place(30, 3)?;
                place(31, 4)
            });
        }
        let child = command.spawn().unwrap();
        drop(cmd_r);
        drop(res_w);
        let mut b = Browser {
            child,
            to: std::fs::File::from(OwnedFd::from(cmd_w)),
            from: BufReader::new(std::fs::File::from(OwnedFd::from(res_r))),
            next: 0,
            session: String::new(),
            _profile: profile,
        };
        let target = b.send("Target.createTarget", json!({"url": "about:blank"}));
        let id = target["targetId"].as_str().unwrap().to_string();
        let attached = b.send(
            "Target.attachToTarget",
            json!({"targetId": id, "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        b.resize(width, height);
        b
    }

    /// Send a command (to the tab once attached) and wait for its answer.
    pub fn send(&mut self, method: &str, params: Value) -> Value {
        self.call(method, params)
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// Send a command; its result or its error.
    fn call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next += 1;
        let mut msg = json!({"id": self.next, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.to.write_all(msg.to_string().as_bytes()).unwrap();
        self.to.write_all(b"\0").unwrap();
        self.to.flush().unwrap();
        loop {
            let mut buf = Vec::new();
            let n = self.from.read_until(0, &mut buf).unwrap();
            assert!(n > 0, "chromium closed its pipe during {method}");
            buf.pop();
            let v: Value = serde_json::from_slice(&buf).unwrap();
            if v["id"] == json!(self.next) {
                return match v.get("error") {
                    Some(e) => Err(e.clone()),
                    None => Ok(v["result"].clone()),
                };
            }
        }
    }

    /// The viewport size, as a screen of that size would give.
    pub fn resize(&mut self, width: u32, height: u32) {
        self.send(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
    }

    /// The value of a JavaScript expression.
    pub fn eval(&mut self, expr: &str) -> Value {
        let r = self.send(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expr}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Wait until the page (a new one, not the one marked before) has drawn
    /// everything it asked the API for.
    fn wait_ready(&mut self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let ready = json!({
            "expression": "!window.__left && document.documentElement !== null \
                           && document.documentElement.dataset.ready === 'true'",
            "returnByValue": true
        });
        // while the old page goes and the new one comes, a check may fail
        while self
            .call("Runtime.evaluate", ready.clone())
            .map(|r| r["result"]["value"].clone())
            != Ok(json!(true))
        {
            assert!(
                Instant::now() < deadline,
                "{what} did not finish within 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Load a URL and wait until the page is drawn.
    pub fn open(&mut self, url: &str) {
        self.eval("window.__left = true");
        self.send("Page.navigate", json!({"url": url}));
        self.wait_ready(url);
    }

    /// Click, as a mouse would, the middle of the first element matching a
    /// CSS selector (scrolled into view first), and wait for the next page.
    pub fn click(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return null; \
             e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); \
             window.__left = true; return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        assert!(!at.is_null(), "nothing matches {selector}");
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.send(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
        self.wait_ready(selector);
    }

    /// Focus the first element matching a selector and press Enter on it,
    /// as a keyboard user would, and wait for the next page.
    pub fn press_enter_on(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let found = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return false; \
             e.focus(); window.__left = true; return document.activeElement === e; }})()"
        ));
        assert_eq!(found, json!(true), "cannot focus {selector}");
        for kind in ["rawKeyDown", "char", "keyUp"] {
            self.send(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": "Enter", "code": "Enter", "text": "\r",
                       "windowsVirtualKeyCode": 13}),
            );
        }
        self.wait_ready(selector);
    }

    /// The page as Chromium serializes it now.
    pub fn dom(&mut self) -> String {
        self.eval("document.documentElement.outerHTML")
            .as_str()
            .unwrap()
            .to_string()
    }

    /// True when the page is wider than the window (it scrolls sideways).
    pub fn scrolls_sideways(&mut self) -> bool {
        self.eval("document.documentElement.scrollWidth > window.innerWidth")
            .as_bool()
            .unwrap()
    }

    /// A PNG of the whole page, written to `path`.
    pub fn screenshot(&mut self, path: &PathBuf) {
        let size = self
            .eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        let r = self.send(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true,
                   "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}}),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
