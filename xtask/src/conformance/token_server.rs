//! The OAuth2 token endpoint the conformance program's client fetches its
//! tokens from: Prism serves the API, not the token URL, which is usually on
//! another host.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::thread;

/// What every valid token request is answered with.
const TOKEN: &str =
    r#"{"access_token":"conformance-token","token_type":"Bearer","expires_in":3600}"#;

/// Serves token requests on loopback until the process ends; returns the URL.
pub fn start() -> std::io::Result<String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let url = format!("http://{}/oauth/token", listener.local_addr()?);
    thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            // One bad request must not stop the others from being answered.
            let _ = answer(stream);
        }
    });
    Ok(url)
}

/// Answers one request: a token for a client-credentials grant with the
/// client's id and secret in a Basic `Authorization` header, else `400`.
fn answer(stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        head.push(line.trim_end().to_string());
    }
    let header = |name: &str| {
        head.iter().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    };
    let length: usize = header("content-length")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let body = String::from_utf8_lossy(&body);
    let grant = body
        .split('&')
        .any(|pair| pair == "grant_type=client_credentials");
    let basic = header("authorization").is_some_and(|value| value.starts_with("Basic "));
    let response = if head.first().is_some_and(|line| line.starts_with("POST ")) && grant && basic {
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{TOKEN}",
            TOKEN.len()
        )
    } else {
        "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_string()
    };
    (&stream).write_all(response.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(url: &str, request: &str) -> String {
        let address = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let mut stream = TcpStream::connect(address).expect("connects");
        stream.write_all(request.as_bytes()).expect("sends");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("reads");
        answer
    }

    #[test]
    fn a_client_credentials_grant_with_basic_auth_gets_a_token() {
        let url = start().expect("listens");
        let body = "grant_type=client_credentials&scope=read";
        let answer = post(
            &url,
            &format!(
                "POST /oauth/token HTTP/1.1\r\nauthorization: Basic Yzpz\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            ),
        );
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with(TOKEN), "{answer}");
    }

    #[test]
    fn a_request_without_client_authentication_is_refused() {
        let url = start().expect("listens");
        let body = "grant_type=client_credentials";
        let answer = post(
            &url,
            &format!(
                "POST /oauth/token HTTP/1.1\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            ),
        );
        assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    }
}
