//! Decryption of permissions-only PDFs: the standard security handler with the empty user
//! password (an owner password restricts printing or copying, but the file opens for anyone).
//! RC4 (V1/V2, 40–128 bit), V4 crypt filters (RC4 or AES-128), and V5 R5/R6 (AES-256). The
//! primitives are written here rather than taken from crates: together they are a few KB of wasm.

use super::objects::{Dict, Object};

/// How a file is encrypted, and its key.
pub struct Crypt {
    key: Vec<u8>,
    /// Methods for streams and strings: None is the identity.
    streams: Option<Method>,
    strings: Option<Method>,
}

#[derive(Clone, Copy, PartialEq)]
enum Method {
    Rc4,
    Aes128,
    Aes256,
}

/// Why a file cannot be decrypted.
#[derive(Debug, PartialEq)]
pub enum CryptError {
    /// The empty user password does not open it.
    Password,
    /// A handler or method we do not read.
    Unsupported,
}

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00,
    0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

impl Crypt {
    /// The encryption of a file from its /Encrypt dictionary (direct objects only) and the first
    /// string of its /ID.
    pub fn new(enc: &Dict, id: &[u8]) -> Result<Crypt, CryptError> {
        let num = |k: &[u8]| enc.get(k).and_then(Object::as_num);
        let bytes = |k: &[u8]| enc.get(k).and_then(Object::as_str).unwrap_or(&[]);
        if enc.get(b"Filter").and_then(Object::as_name) != Some(b"Standard") {
            return Err(CryptError::Unsupported);
        }
        let v = num(b"V").unwrap_or(0.0) as i64;
        let r = num(b"R").unwrap_or(0.0) as i64;
        let (o, u) = (bytes(b"O"), bytes(b"U"));
        if r >= 5 {
            let key = key_r6(r, u, bytes(b"UE"))?;
            let m = Some(Method::Aes256);
            let (streams, strings) = filters(enc, v, m)?;
            return Ok(Crypt { key, streams, strings });
        }
        let p = num(b"P").unwrap_or(0.0) as i64 as i32;
        let len = match v {
            1 => 5,
            2 | 3 => (num(b"Length").unwrap_or(40.0) as usize / 8).clamp(5, 16),
            4 => (num(b"Length").unwrap_or(128.0) as usize / 8).clamp(5, 16),
            _ => return Err(CryptError::Unsupported),
        };
        let meta = enc.get(b"EncryptMetadata") != Some(&Object::Bool(false));
        // Algorithm 2: the file key from the empty password.
        let mut input = PAD.to_vec();
        input.extend_from_slice(&o[..o.len().min(32)]);
        input.extend_from_slice(&p.to_le_bytes());
        input.extend_from_slice(id);
        if r >= 4 && !meta {
            input.extend_from_slice(&[0xff; 4]);
        }
        let mut hash = md5(&input);
        if r >= 3 {
            for _ in 0..50 {
                hash = md5(&hash[..len]);
            }
        }
        let key = hash[..len].to_vec();
        // Algorithms 4 and 5: the user password's check value.
        let ok = if r == 2 {
            rc4(&key, &PAD) == u.get(..32).unwrap_or(u)
        } else {
            let mut x = md5(&[&PAD[..], id].concat()).to_vec();
            for i in 0..20u8 {
                let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                x = rc4(&k, &x);
            }
            u.len() >= 16 && x[..] == u[..16]
        };
        if !ok {
            return Err(CryptError::Password);
        }
        let (streams, strings) = if v == 4 { filters(enc, v, None)? } else { (Some(Method::Rc4), Some(Method::Rc4)) };
        Ok(Crypt { key, streams, strings })
    }

    /// A string or (when `stream`) a stream's data of object `num gen`, decrypted.
    pub fn decrypt(&self, data: &[u8], num: u32, gen: u16, stream: bool) -> Vec<u8> {
        let Some(method) = (if stream { self.streams } else { self.strings }) else { return data.to_vec() };
        let key = if method == Method::Aes256 {
            self.key.clone()
        } else {
            let mut k = self.key.clone();
            k.extend_from_slice(&num.to_le_bytes()[..3]);
            k.extend_from_slice(&gen.to_le_bytes());
            if method == Method::Aes128 {
                k.extend_from_slice(b"sAlT");
            }
            md5(&k)[..(self.key.len() + 5).min(16)].to_vec()
        };
        match method {
            Method::Rc4 => rc4(&key, data),
            _ => aes_cbc_decrypt(&key, data, true),
        }
    }
}

/// The stream and string methods of a V4/V5 file: its crypt filters (/CF, /StmF, /StrF).
fn filters(enc: &Dict, v: i64, default: Option<Method>) -> Result<(Option<Method>, Option<Method>), CryptError> {
    if v < 4 {
        return Ok((default, default));
    }
    let cf = enc.get(b"CF").and_then(Object::as_dict);
    let method = |k: &[u8]| -> Result<Option<Method>, CryptError> {
        let name = enc.get(k).and_then(Object::as_name).unwrap_or(b"Identity");
        if name == b"Identity" {
            return Ok(None);
        }
        let f = cf.and_then(|cf| cf.get(name)).and_then(Object::as_dict).ok_or(CryptError::Unsupported)?;
        match f.get(b"CFM").and_then(Object::as_name) {
            Some(b"V2") => Ok(Some(Method::Rc4)),
            Some(b"AESV2") => Ok(Some(Method::Aes128)),
            Some(b"AESV3") => Ok(Some(Method::Aes256)),
            None | Some(b"None") => Ok(None),
            _ => Err(CryptError::Unsupported),
        }
    };
    Ok((method(b"StmF")?, method(b"StrF")?))
}

/// V5: the file key from the empty user password (R5: SHA-256; R6: algorithm 2.B).
fn key_r6(r: i64, u: &[u8], ue: &[u8]) -> Result<Vec<u8>, CryptError> {
    if u.len() < 48 || ue.len() < 32 {
        return Err(CryptError::Unsupported);
    }
    let hash = |salt: &[u8]| if r == 5 { sha256(salt).to_vec() } else { hash_2b(salt) };
    if hash(&u[32..40])[..] != u[..32] {
        return Err(CryptError::Password);
    }
    let k = hash(&u[40..48]);
    // UE is the file key, AES-256 encrypted with a zero IV and no padding.
    let mut data = vec![0u8; 16];
    data.extend_from_slice(&ue[..32]);
    Ok(aes_cbc_decrypt(&k, &data, false))
}

/// Algorithm 2.B (ISO 32000-2) for the empty password and no user key: the R6 hash of a salt.
fn hash_2b(salt: &[u8]) -> Vec<u8> {
    let mut k = sha256(salt).to_vec();
    let mut round = 0usize;
    loop {
        let k1 = k.repeat(64);
        let e = aes128_cbc_encrypt(k[..16].try_into().unwrap(), k[16..32].try_into().unwrap(), &k1);
        let sum: u32 = e[..16].iter().map(|&b| b as u32).sum();
        k = match sum % 3 {
            0 => sha256(&e).to_vec(),
            1 => sha512(&e, &H384)[..48].to_vec(),
            _ => sha512(&e, &H512).to_vec(),
        };
        round += 1;
        if round >= 64 && (*e.last().unwrap() as usize) + 32 <= round {
            break;
        }
    }
    k.truncate(32);
    k
}

/// MD5 and SHA-2 message padding: 0x80, zeros, and the bit length (`len` bytes, big- or
/// little-endian) to a multiple of `block`.
fn padded(data: &[u8], block: usize, len: usize, big: bool) -> Vec<u8> {
    let mut m = data.to_vec();
    m.push(0x80);
    while m.len() % block != block - len {
        m.push(0);
    }
    let bits = (data.len() as u128) * 8;
    if big {
        m.extend_from_slice(&bits.to_be_bytes()[16 - len..]);
    } else {
        m.extend_from_slice(&bits.to_le_bytes()[..len]);
    }
    m
}

pub fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    for chunk in padded(data, 64, 8, false).chunks(64) {
        let w: Vec<u32> = chunk.chunks(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())).collect();
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(MD5_K[i]).wrapping_add(w[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(S[(i / 16) * 4 + i % 4]));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 16];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_le_bytes());
    }
    out
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h = H256;
    for chunk in padded(data, 64, 8, true).chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..64 {
            w[i] = if i < 16 {
                u32::from_be_bytes(chunk[i * 4..i * 4 + 4].try_into().unwrap())
            } else {
                let (a, b) = (w[i - 15], w[i - 2]);
                let s0 = a.rotate_right(7) ^ a.rotate_right(18) ^ (a >> 3);
                let s1 = b.rotate_right(17) ^ b.rotate_right(19) ^ (b >> 10);
                w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1)
            };
        }
        let mut v = h;
        for i in 0..64 {
            let [a, b, c, d, e, f, g, hh] = v;
            let t1 = hh
                .wrapping_add(e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25))
                .wrapping_add((e & f) ^ (!e & g))
                .wrapping_add(K256[i])
                .wrapping_add(w[i]);
            let t2 =
                (a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22)).wrapping_add((a & b) ^ (a & c) ^ (b & c));
            v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// SHA-512 from the initial values `iv` (H512), or SHA-384 (H384; take the first 48 bytes).
pub fn sha512(data: &[u8], iv: &[u64; 8]) -> [u8; 64] {
    let mut h = *iv;
    for chunk in padded(data, 128, 16, true).chunks(128) {
        let mut w = [0u64; 80];
        for i in 0..80 {
            w[i] = if i < 16 {
                u64::from_be_bytes(chunk[i * 8..i * 8 + 8].try_into().unwrap())
            } else {
                let (a, b) = (w[i - 15], w[i - 2]);
                let s0 = a.rotate_right(1) ^ a.rotate_right(8) ^ (a >> 7);
                let s1 = b.rotate_right(19) ^ b.rotate_right(61) ^ (b >> 6);
                w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1)
            };
        }
        let mut v = h;
        for i in 0..80 {
            let [a, b, c, d, e, f, g, hh] = v;
            let t1 = hh
                .wrapping_add(e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41))
                .wrapping_add((e & f) ^ (!e & g))
                .wrapping_add(K512[i])
                .wrapping_add(w[i]);
            let t2 = (a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39))
                .wrapping_add((a & b) ^ (a & c) ^ (b & c));
            v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 64];
    for (i, x) in h.iter().enumerate() {
        out[i * 8..i * 8 + 8].copy_from_slice(&x.to_be_bytes());
    }
    out
}

pub fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

fn xtime(b: u8) -> u8 {
    (b << 1) ^ if b & 0x80 != 0 { 0x1b } else { 0 }
}

fn gmul(mut a: u8, mut b: u8) -> u8 {
    let mut r = 0;
    while b != 0 {
        if b & 1 != 0 {
            r ^= a;
        }
        a = xtime(a);
        b >>= 1;
    }
    r
}

/// AES round keys (16 bytes each) of a 16- or 32-byte key.
fn expand_key(key: &[u8]) -> Vec<[u8; 16]> {
    let nk = key.len() / 4;
    let rounds = nk + 6;
    let mut w: Vec<[u8; 4]> = key.chunks(4).map(|c| c.try_into().unwrap()).collect();
    let mut rcon = 1u8;
    for i in nk..4 * (rounds + 1) {
        let mut t = w[i - 1];
        if i % nk == 0 {
            t = [SBOX[t[1] as usize] ^ rcon, SBOX[t[2] as usize], SBOX[t[3] as usize], SBOX[t[0] as usize]];
            rcon = xtime(rcon);
        } else if nk > 6 && i % nk == 4 {
            t = t.map(|b| SBOX[b as usize]);
        }
        let p = w[i - nk];
        w.push([p[0] ^ t[0], p[1] ^ t[1], p[2] ^ t[2], p[3] ^ t[3]]);
    }
    w.chunks(4).map(|c| c.concat().try_into().unwrap()).collect()
}

fn add_key(s: &mut [u8; 16], k: &[u8; 16]) {
    for (a, b) in s.iter_mut().zip(k) {
        *a ^= b;
    }
}

/// Column-major state: byte `r + 4c` is row r, column c.
fn encrypt_block(keys: &[[u8; 16]], s: &mut [u8; 16]) {
    let n = keys.len() - 1;
    add_key(s, &keys[0]);
    for (round, key) in keys.iter().enumerate().skip(1) {
        let t = *s;
        for c in 0..4 {
            for r in 0..4 {
                s[r + 4 * c] = SBOX[t[r + 4 * ((c + r) % 4)] as usize];
            }
        }
        if round < n {
            for c in 0..4 {
                let a: [u8; 4] = s[4 * c..4 * c + 4].try_into().unwrap();
                for r in 0..4 {
                    s[4 * c + r] =
                        xtime(a[r]) ^ xtime(a[(r + 1) % 4]) ^ a[(r + 1) % 4] ^ a[(r + 2) % 4] ^ a[(r + 3) % 4];
                }
            }
        }
        add_key(s, key);
    }
}

fn decrypt_block(keys: &[[u8; 16]], inv: &[u8; 256], s: &mut [u8; 16]) {
    let n = keys.len() - 1;
    add_key(s, &keys[n]);
    for round in (0..n).rev() {
        let t = *s;
        for c in 0..4 {
            for r in 0..4 {
                s[r + 4 * ((c + r) % 4)] = inv[t[r + 4 * c] as usize];
            }
        }
        add_key(s, &keys[round]);
        if round > 0 {
            for c in 0..4 {
                let a: [u8; 4] = s[4 * c..4 * c + 4].try_into().unwrap();
                for r in 0..4 {
                    s[4 * c + r] =
                        gmul(a[r], 14) ^ gmul(a[(r + 1) % 4], 11) ^ gmul(a[(r + 2) % 4], 13) ^ gmul(a[(r + 3) % 4], 9);
                }
            }
        }
    }
}

/// AES-CBC decryption of data whose first 16 bytes are the IV; `unpad` removes PKCS#7 padding.
/// A damaged tail (not a whole block) is dropped.
pub fn aes_cbc_decrypt(key: &[u8], data: &[u8], unpad: bool) -> Vec<u8> {
    if data.len() < 32 {
        return Vec::new();
    }
    let keys = expand_key(key);
    let mut inv = [0u8; 256];
    for (i, &b) in SBOX.iter().enumerate() {
        inv[b as usize] = i as u8;
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev: [u8; 16] = data[..16].try_into().unwrap();
    for block in data[16..].chunks_exact(16) {
        let mut s: [u8; 16] = block.try_into().unwrap();
        decrypt_block(&keys, &inv, &mut s);
        add_key(&mut s, &prev);
        out.extend_from_slice(&s);
        prev = block.try_into().unwrap();
    }
    if unpad {
        let p = *out.last().unwrap() as usize;
        if (1..=16).contains(&p) && p <= out.len() {
            out.truncate(out.len() - p);
        }
    }
    out
}

fn aes128_cbc_encrypt(key: &[u8; 16], iv: &[u8; 16], data: &[u8]) -> Vec<u8> {
    let keys = expand_key(key);
    let mut prev = *iv;
    let mut out = Vec::with_capacity(data.len());
    for block in data.chunks_exact(16) {
        let mut s: [u8; 16] = block.try_into().unwrap();
        add_key(&mut s, &prev);
        encrypt_block(&keys, &mut s);
        out.extend_from_slice(&s);
        prev = s;
    }
    out
}

const K256: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
];

const H256: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const K512: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

const H512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

const H384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];

const MD5_K: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8,
    0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
    0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87,
    0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
    0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
    0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
    0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
    0xeb86d391,
];

const SBOX: [u8; 256] = [
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76, 0xca, 0x82, 0xc9,
    0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0, 0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f,
    0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15, 0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07,
    0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75, 0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3,
    0x29, 0xe3, 0x2f, 0x84, 0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58,
    0xcf, 0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8, 0x51, 0xa3,
    0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2, 0xcd, 0x0c, 0x13, 0xec, 0x5f,
    0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73, 0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88,
    0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb, 0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac,
    0x62, 0x91, 0x95, 0xe4, 0x79, 0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a,
    0xae, 0x08, 0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a, 0x70,
    0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e, 0xe1, 0xf8, 0x98, 0x11,
    0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf, 0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42,
    0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn hashes_match_their_test_vectors() {
        assert_eq!(hex(&md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(&md5(&[b'a'; 100])), "36a92cc94a9e0fa21f625f8bfb007adf");
        assert_eq!(hex(&sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(
            hex(&sha512(b"abc", &H384)[..48]),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        );
        assert_eq!(
            hex(&sha512(b"abc", &H512)),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
    }

    #[test]
    fn ciphers_match_their_test_vectors() {
        // FIPS-197 C.1 and C.3.
        let pt: Vec<u8> = (0..16).map(|i| i * 0x11).collect();
        let k128: Vec<u8> = (0..16).collect();
        let ct = aes128_cbc_encrypt(&k128.clone().try_into().unwrap(), &[0; 16], &pt);
        assert_eq!(hex(&ct), "69c4e0d86a7b0430d8cdb78070b4c55a");
        assert_eq!(aes_cbc_decrypt(&k128, &[&[0u8; 16][..], &ct].concat(), false), pt);
        let k256: Vec<u8> = (0..32).collect();
        let ct = [0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf, 0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49, 0x60, 0x89];
        assert_eq!(aes_cbc_decrypt(&k256, &[&[0u8; 16][..], &ct].concat(), false), pt);
        assert_eq!(hex(&rc4(b"Key", b"Plaintext")), "bbf316e8d940af0ad3");
    }
}
