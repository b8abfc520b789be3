//! A tiny HTTP/1.1 server on 127.0.0.1 for the client tests: canned replies, and the requests
//! as read off the wire. No test reaches any other address (the clients are built without proxies).
// Each test crate that includes this module uses only part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use openai_types::client::reqwest;
use openai_types::Client;
use serde_json::Value;

/// The API key the test clients send.
pub const KEY: &str = "sk-client-test-SECRET-9f8e7d6c5b4a";

/// A request as the server read it off the wire.
#[derive(Debug)]
pub struct Received {
    pub method: String,
    pub target: String,
    /// Lower-cased names, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A response the server sends, after an optional delay.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    /// Sent `repeat` times over.
    pub body: Vec<u8>,
    pub repeat: usize,
    /// Whether to send `Content-Length`; without it the body ends when the connection closes.
    pub content_length: bool,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            headers: vec![("content-type", "application/json".into()), ("x-request-id", format!("req_{status}"))],
            body: serde_json::to_vec(&body).unwrap(),
            repeat: 1,
            content_length: true,
            delay: Duration::ZERO,
        }
    }

    pub fn raw(status: u16, content_type: &str, body: &[u8]) -> Self {
        Self {
            status,
            headers: vec![("content-type", content_type.into())],
            body: body.to_vec(),
            repeat: 1,
            content_length: true,
            delay: Duration::ZERO,
        }
    }

    /// No answer at all: the connection is closed once the request is read.
    pub fn hang_up() -> Self {
        Self::raw(0, "", b"")
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// A tiny HTTP/1.1 server on 127.0.0.1: it serves one connection per reply, in order, then stops.
pub struct Server {
    pub base_url: String,
    received: mpsc::Receiver<Received>,
    thread: thread::JoinHandle<()>,
}

impl Server {
    pub fn start(replies: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let (sender, received) = mpsc::channel();
        let thread = thread::spawn(move || {
            for reply in replies {
                let (stream, _) = listener.accept().unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                let request = read_request(&stream);
                sender.send(request).unwrap();
                thread::sleep(reply.delay);
                if reply.status == 0 {
                    continue;
                }
                // The client may have given up (timeout tests): ignore write errors.
                let _ = write_reply(stream, &reply);
            }
        });
        Self { base_url: format!("http://{address}/v1"), received, thread }
    }

    /// The next request the server received.
    pub fn next(&self) -> Received {
        self.received.recv_timeout(Duration::from_secs(10)).unwrap()
    }

    /// Waits for the server to have served every reply.
    pub fn finish(self) {
        self.thread.join().unwrap();
    }

    /// Takes the `requests` the server received, then waits for it to have served every reply.
    pub fn finish_after(self, requests: usize) {
        for _ in 0..requests {
            self.next();
        }
        self.finish();
    }
}

fn read_request(stream: &TcpStream) -> Received {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap().to_owned();
    let target = parts.next().unwrap().to_owned();
    assert_eq!(parts.next(), Some("HTTP/1.1"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    assert!(headers.iter().all(|(name, _)| name != "transfer-encoding"), "expected a Content-Length body");
    let length = headers.iter().find(|(name, _)| name == "content-length").map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    Received { method, target, headers, body }
}

fn write_reply(mut stream: TcpStream, reply: &Reply) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} Whatever\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if reply.content_length {
        head.push_str(&format!("content-length: {}\r\n", reply.body.len() * reply.repeat));
    }
    head.push_str("connection: close\r\n\r\n");
    stream.write_all(head.as_bytes())?;
    for _ in 0..reply.repeat {
        stream.write_all(&reply.body)?;
    }
    stream.flush()
}

/// A client for `base_url` that never goes through a proxy and makes one attempt per call, so
/// that each reply answers one call (`retrying_client` keeps the default retries).
pub fn client(base_url: &str) -> Client {
    retrying_client(base_url).with_max_retries(0)
}

/// A client for `base_url` with the default settings, but no proxy.
pub fn retrying_client(base_url: &str) -> Client {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    Client::new(KEY).with_base_url(base_url).with_http_client(http)
}
