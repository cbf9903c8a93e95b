/// The default configuration file.
let defaultConfigPath = "/etc/ironlb/ironlb.yaml"
