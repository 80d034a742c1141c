fn main() {
    let tc = bccrs::toolchain::Toolchain::find().unwrap();
    println!("{:?}", tc);
    let t = std::time::Instant::now();
    let h = bccrs::headers::KernelHeaders::prepare(&tc, std::path::Path::new(bccrs::headers::VMLINUX_BTF), &bccrs::headers::cache_root()).unwrap();
    println!("{:?} {:?}", h, t.elapsed());
}
