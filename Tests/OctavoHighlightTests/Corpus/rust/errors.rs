use std::fs;
use std::io;
use std::num::ParseIntError;

#[derive(Debug)]
enum ConfigError {
    Io(io::Error),
    Parse(ParseIntError),
    Missing(&'static str),
}

impl From<io::Error> for ConfigError {
    fn from(e: io::Error) -> Self {
        ConfigError::Io(e)
    }
}

impl From<ParseIntError> for ConfigError {
    fn from(e: ParseIntError) -> Self {
        ConfigError::Parse(e)
    }
}

fn read_width(path: &str) -> Result<u16, ConfigError> {
    let text = fs::read_to_string(path)?;
    let line = text
        .lines()
        .find(|l| l.starts_with("width="))
        .ok_or(ConfigError::Missing("width"))?;
    let width = line["width=".len()..].trim().parse::<u16>()?;
    Ok(width)
}

fn main() {
    match read_width("book.conf") {
        Ok(w) => println!("width {w}"),
        Err(e) => eprintln!("error: {:?}", e),
    }
}
