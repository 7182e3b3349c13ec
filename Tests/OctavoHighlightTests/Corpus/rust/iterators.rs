/// Run-length encoding of a byte string.
pub fn encode(input: &[u8]) -> Vec<(u8, usize)> {
    let mut out: Vec<(u8, usize)> = Vec::new();
    for &b in input {
        match out.last_mut() {
            Some((last, count)) if *last == b => *count += 1,
            _ => out.push((b, 1)),
        }
    }
    out
}

pub fn decode(runs: &[(u8, usize)]) -> Vec<u8> {
    runs.iter()
        .flat_map(|&(b, n)| std::iter::repeat(b).take(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let data = b"aaabccddddd";
        let runs = encode(data);
        assert_eq!(runs[0], (b'a', 3));
        assert_eq!(decode(&runs), data.to_vec());
    }

    #[test]
    fn empty() {
        assert!(encode(&[]).is_empty());
    }
}
