fn main() {
    std::process::exit(styr::cli::main());
}
