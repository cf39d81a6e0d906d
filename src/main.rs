fn main() {
    let html = std::io::read_to_string(std::io::stdin()).unwrap();
    match baca::extract(&html, &baca::Options::default()) {
        Ok(a) => println!("{}\n\n{}", a.title.clone().unwrap_or_default(), a.text()),
        Err(e) => eprintln!("baca: {e}"),
    }
}
