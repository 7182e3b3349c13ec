module Shape where

class Shape a where
  area :: a -> Double
  name :: a -> String
  name _ = "shape"

data Circle = Circle Double
data Rect = Rect Double Double

instance Shape Circle where
  area (Circle r) = pi * r * r
  name _ = "circle"

instance Shape Rect where
  area (Rect w h) = w * h

describe :: Shape a => a -> String
describe s = name s ++ " with area " ++ show (area s)

main :: IO ()
main = do
  putStrLn (describe (Circle 1.5))
  putStrLn (describe (Rect 2 3.5))
  let xs = [1 .. 10] :: [Int]
  print (sum [x * x | x <- xs, even x], 'q', 0x1F)
