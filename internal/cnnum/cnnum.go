// Package cnnum parses Chinese quantities: digits (ASCII and full-width),
// separators, decimals, Chinese numerals (一万二千, 两千, 壹贰叁), multipliers
// (万, 亿, 千, 百), qualifiers (约, 逾, 余, 多, 以上 …) and ranges. It is pure
// and has no dependencies.
package cnnum
