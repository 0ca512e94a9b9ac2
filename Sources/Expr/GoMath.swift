import Glibc

/// Go's math.Pow, ported so `**` gives the same bits as expr-lang: special cases first, then the integer
/// part of the exponent by repeated squaring on the mantissa (exact scaling by powers of two), and only a
/// fractional exponent through exp/log (libm here, Go's own routines there: at most an ulp apart).
enum GoMath {
    static func pow(_ x: Double, _ y: Double) -> Double {
        switch true {
        case y == 0 || x == 1: return 1
        case y == 1: return x
        case x.isNaN || y.isNaN: return .nan
        case x == 0:
            if y < 0 { return x.sign == .minus && isOddInt(y) ? -.infinity : .infinity }
            if y > 0 { return x.sign == .minus && isOddInt(y) ? x : 0 }
        case y.isInfinite:
            if x == -1 { return 1 }
            if (Swift.abs(x) < 1) == (y > 0) { return 0 }
            return .infinity
        case x.isInfinite:
            if x < 0 { return pow(1 / x, -y) }
            if y < 0 { return 0 }
            if y > 0 { return .infinity }
        case y == 0.5: return x.squareRoot()
        case y == -0.5: return 1 / x.squareRoot()
        default: break
        }
        var yi = Swift.abs(y).rounded(.towardZero)
        var yf = Swift.abs(y) - yi
        if yf != 0 && x < 0 { return .nan }
        if yi >= 9.223372036854775807e18 {
            if x == -1 { return 1 }
            if (Swift.abs(x) < 1) == (y > 0) { return 0 }
            return .infinity
        }
        var a1 = 1.0
        var ae = 0
        if yf != 0 {
            if yf > 0.5 {
                yf -= 1
                yi += 1
            }
            a1 = Glibc.exp(yf * Glibc.log(x))
        }
        var (x1, xe) = frexp(x)
        var i = Int64(yi)
        while i != 0 {
            if xe < -(1 << 12) || (1 << 12) < xe {
                // Catastrophic overflow or underflow: let ldexp saturate.
                ae += xe
                break
            }
            if i & 1 == 1 {
                a1 *= x1
                ae += xe
            }
            x1 *= x1
            xe <<= 1
            if x1 < 0.5 {
                x1 += x1
                xe -= 1
            }
            i >>= 1
        }
        if y < 0 {
            a1 = 1 / a1
            ae = -ae
        }
        return ldexp(a1, ae)
    }

    private static func isOddInt(_ x: Double) -> Bool {
        if Swift.abs(x) >= 9.007199254740992e15 { return false }
        let i = x.rounded(.towardZero)
        return i == x && Int64(i) & 1 == 1
    }

    /// Go's Frexp: a fraction in [0.5, 1) and a power of two.
    private static func frexp(_ x: Double) -> (Double, Int) {
        guard x.isFinite, x != 0 else { return (x, 0) }
        let fraction = Double(sign: x.sign, exponent: -1, significand: x.significand)
        return (fraction, Int(x.exponent) + 1)
    }

    private static func ldexp(_ fraction: Double, _ exponent: Int) -> Double {
        guard fraction.isFinite, fraction != 0 else { return fraction }
        let clamped = max(min(exponent, 1 << 14), -(1 << 14))
        return Double(sign: .plus, exponent: clamped, significand: fraction)
    }
}
