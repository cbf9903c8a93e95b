print("ironlbctl")
