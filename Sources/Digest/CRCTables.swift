/// The eight lookup tables of a reflected CRC computed by slicing-by-8 (CRC-64/XZ for OSS, CRC-32C for GCS):
/// table 0 is the byte-at-a-time table of `polynomial` (reflected), table k advances table k-1 by one more
/// zero byte.
enum CRCTables {
    static func slicingBy8<T: FixedWidthInteger & UnsignedInteger>(reflectedPolynomial polynomial: T) -> [[T]] {
        var first = [T](repeating: 0, count: 256)
        for n in 0..<256 {
            var c = T(n)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ polynomial : c >> 1 }
            first[n] = c
        }
        var tables = [first]
        for k in 1..<8 {
            tables.append((0..<256).map { n in (tables[k - 1][n] >> 8) ^ first[Int(tables[k - 1][n] & 0xFF)] })
        }
        return tables
    }
}
